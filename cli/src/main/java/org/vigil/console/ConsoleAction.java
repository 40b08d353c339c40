package org.vigil.console;

import java.util.List;
import java.util.Map;

/**
 * The actions the console offers, each exactly one crm command (shown before it runs, as Hawk's command log):
 * node standby/online/maintenance/ready and resource start/stop/move/clear/cleanup. Names are checked
 * against crm's id syntax so nothing but an id reaches the command line.
 */
record ConsoleAction(String kind, String target, String node) {
    private static final String ID = "[A-Za-z0-9_][A-Za-z0-9_.:-]{0,127}";
    private static final Map<String, List<String>> WORDS = Map.of(
            "node-standby", List.of("node", "standby"),
            "node-online", List.of("node", "online"),
            "node-maintenance", List.of("node", "maintenance"),
            "node-ready", List.of("node", "ready"),
            "resource-start", List.of("resource", "start"),
            "resource-stop", List.of("resource", "stop"),
            "resource-move", List.of("resource", "move"),
            "resource-clear", List.of("resource", "clear"),
            "resource-cleanup", List.of("resource", "cleanup"));

    /** @throws IllegalArgumentException naming what is wrong (unknown action, bad id, missing node) */
    static ConsoleAction of(String kind, String target, String node) {
        if (kind == null || !WORDS.containsKey(kind)) {
            throw new IllegalArgumentException("unknown action '" + kind + "' (expected one of " + WORDS.keySet().stream()
                    .sorted().toList() + ")");
        }
        if (target == null || !target.matches(ID)) {
            throw new IllegalArgumentException("'" + target + "' is not a node or resource id");
        }
        boolean move = kind.equals("resource-move");
        if (move && (node == null || !node.matches(ID))) {
            throw new IllegalArgumentException("resource-move needs the node to move to");
        }
        return new ConsoleAction(kind, target, move ? node : null);
    }

    /** crm's arguments, without the leading {@code crm}. */
    List<String> args() {
        List<String> words = new java.util.ArrayList<>(WORDS.get(kind));
        words.add(target);
        if (node != null) {
            words.add(node);
        }
        return words;
    }

    String commandLine() {
        return CrmRunner.commandLine(args());
    }
}
