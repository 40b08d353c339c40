package org.vigil.cli.compat;

import java.util.ArrayList;
import java.util.List;

/**
 * The document a Pacemaker 2.1.5 tool prints with {@code --output-as xml}: {@code <pacemaker-result>} naming the
 * command line, the answer's elements, then {@code <status>} with the exit code, its text and the errors the text
 * output would have printed on stderr.
 */
final class XmlAnswer {
    /** The API version of Pacemaker 2.1.5's formatted output. */
    static final String API_VERSION = "2.25";

    private final PcmkXml root;
    private final List<String> errors = new ArrayList<>();

    /**
     * The words after {@code tool}'s name that the request quotes: {@code given} when the quick path (or a twin
     * command) already knows them, else Picocli's original command line cut after the name.
     */
    static List<String> requestArguments(String tool, List<String> given, picocli.CommandLine.Model.CommandSpec spec) {
        if (given != null) {
            return given;
        }
        if (spec == null || spec.commandLine().getParseResult() == null) {
            return List.of();
        }
        List<String> all = spec.commandLine().getParseResult().originalArgs();
        int at = all.indexOf(tool);
        return at >= 0 ? all.subList(at + 1, all.size()) : all;
    }

    XmlAnswer(String tool, List<String> args) {
        this.root = new PcmkXml("pacemaker-result").attr("api-version", API_VERSION, "request", request(tool, args));
    }

    /** Adds and returns a top-level element of the answer. */
    PcmkXml add(String name) {
        return root.child(name);
    }

    PcmkXml add(PcmkXml x) {
        return root.add(x);
    }

    /** Adds elements another formatter wrote (crm_mon's). */
    void raw(List<String> lines) {
        root.raw(lines);
    }

    /** A message the text output prints on stderr (out->err). */
    void error(String message) {
        errors.add(message);
    }

    /**
     * The errors of a text answer's stderr: a line starting with the tool's {@code prefix} opens an error that
     * the lines after it continue (Pacemaker's one message with line breaks); any other line is an error of its
     * own, unless it continues a prefixed one.
     */
    void errors(String stderr, String prefix) {
        StringBuilder current = null;
        boolean prefixed = false;
        for (String line : stderr.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            if (current != null && prefixed && !line.startsWith(prefix)) {
                current.append('\n').append(line);
                continue;
            }
            if (current != null) {
                errors.add(current.toString());
            }
            current = new StringBuilder(line);
            prefixed = line.startsWith(prefix);
        }
        if (current != null) {
            errors.add(current.toString());
        }
    }

    /** The whole document for exit code {@code code}. */
    String write(int code) {
        PcmkXml status = root.child("status").attr("code", Integer.toString(code), "message", exitText(code));
        if (!errors.isEmpty()) {
            PcmkXml list = status.child("errors");
            errors.forEach(e -> list.textChild("error", e));
        }
        return root.write();
    }

    /** pcmk__quote_cmdline: arguments with a space in single quotes (a quote in them escaped with a backslash). */
    static String request(String tool, List<String> args) {
        StringBuilder sb = new StringBuilder(tool);
        for (String a : args) {
            sb.append(' ');
            if (a.indexOf(' ') < 0) {
                sb.append(a);
            } else {
                sb.append('\'').append(a.replace("'", "\\'")).append('\'');
            }
        }
        return sb.toString();
    }

    /** crm_exit_str. */
    static String exitText(int code) {
        return switch (code) {
            case 0 -> "OK";
            case 1 -> "Error occurred";
            case 2 -> "Invalid parameter";
            case 3 -> "Unimplemented";
            case 4, 77 -> "Insufficient privileges";
            case 5 -> "Not installed";
            case 6 -> "Not configured";
            case 7 -> "Not running";
            case 8 -> "Promoted";
            case 9 -> "Failed in promoted role";
            case 64 -> "Incorrect usage";
            case 65 -> "Invalid data given";
            case 66 -> "Input file not available";
            case 67 -> "User does not exist";
            case 68 -> "Host does not exist";
            case 69 -> "Necessary service unavailable";
            case 70 -> "Internal software bug";
            case 71 -> "Operating system error occurred";
            case 72 -> "System file not available";
            case 73 -> "Cannot create output file";
            case 74 -> "I/O error occurred";
            case 75 -> "Temporary failure, try again";
            case 76 -> "Protocol violated";
            case 78 -> "Invalid configuration";
            case 100 -> "Fatal error occurred, will not respawn";
            case 101 -> "System panic required";
            case 102 -> "Not connected";
            case 103 -> "Update was older than existing configuration";
            case 104 -> "Digest mismatch";
            case 105 -> "No such object";
            case 106 -> "Quorum required";
            case 107 -> "Operation not safe";
            case 108 -> "Requested item already exists";
            case 109 -> "Multiple items match request";
            case 110 -> "Requested item has expired";
            case 111 -> "Requested item is not yet in effect";
            case 112 -> "Could not determine status";
            case 113 -> "Not applicable under current conditions";
            case 124 -> "Timeout occurred";
            case 190 -> "Service is active but might fail soon";
            case 191 -> "Service is promoted but might fail soon";
            case 193 -> "No exit status available";
            case 255 -> "Error occurred";
            default -> code > 128 && code < 193 ? "Interrupted by signal" : "Unknown exit status";
        };
    }
}
