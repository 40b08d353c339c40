package org.vigil.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.vigil.cib.Cib;
import org.vigil.cli.CliContext;
import org.vigil.cli.CliException;
import org.vigil.cli.simulate.Explainer;
import org.vigil.cli.simulate.Injections;
import org.vigil.cli.store.CibClients;
import org.vigil.cli.verify.Verifier;
import org.vigil.history.HistoryListing;
import org.vigil.history.TransitionRecord;
import org.vigil.ipc.DaemonService;
import org.vigil.ipc.ServiceException;
import org.vigil.scheduler.Scheduler;
import org.vigil.scheduler.Transition;

/**
 * What the pages show, each built from crm's own commands (their text is shown as crm prints it) and, for the
 * drawings and explanations, from the same scheduler and history calls those commands make.
 */
final class ConsoleData {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CrmRunner crm;

    ConsoleData(CrmRunner crm) {
        this.crm = crm;
    }

    Map<String, Object> status() {
        Map<String, Object> m = new LinkedHashMap<>();
        CrmRunner.Result text = crm.run(List.of("status"));
        CrmRunner.Result json = crm.run(List.of("status", "--output-as", "json"));
        m.put("text", text.ok() ? text.out() : text.err());
        m.put("ok", json.ok());
        if (json.ok()) {
            try {
                m.put("status", JSON.readValue(json.out(), Map.class));
            } catch (IOException e) {
                m.put("ok", false);
                m.put("error", "crm status --output-as json: " + e.getMessage());
            }
        } else {
            m.put("error", json.err().strip());
        }
        return m;
    }

    Map<String, Object> config() {
        Map<String, Object> m = new LinkedHashMap<>();
        CrmRunner.Result show = crm.run(List.of("configure", "show"));
        CrmRunner.Result verify = crm.run(List.of("verify", "-L", "-V"));
        m.put("configCommand", show.command());
        m.put("config", show.ok() ? show.out() : show.err());
        m.put("verifyCommand", verify.command());
        m.put("verify", (verify.out() + verify.err()).strip());
        m.put("verifyCode", verify.code());
        return m;
    }

    /** A "what if" on the live CIB: crm simulate's text, the explanations of every resource acted on, and the graph. */
    Map<String, Object> whatIf(Injections what) {
        List<String> args = new ArrayList<>(List.of("simulate", "-L", "-S"));
        what.nodeUp().forEach(n -> args.addAll(List.of("--node-up", n)));
        what.nodeDown().forEach(n -> args.addAll(List.of("--node-down", n)));
        what.nodeFail().forEach(n -> args.addAll(List.of("--node-fail", n)));
        what.opInject().forEach(o -> args.addAll(List.of("--op-inject", o)));
        CrmRunner.Result r = crm.run(args);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("command", r.command());
        m.put("code", r.code());
        m.put("text", r.ok() ? r.out() : r.err().strip());
        if (r.ok()) {
            CliContext ctx = crm.context();
            Cib live = CibClients.forContext(ctx, Verifier.changeValidator(Verifier.machineChecks(ctx), ctx.err())).read();
            Instant now = ctx.clock().instant();
            Transition t = new Scheduler().schedule(what.apply(live, now.getEpochSecond()), now);
            m.put("summary", t.summary());
            m.put("explanations", explanations(t, t.actions().stream().map(Transition.TransitionAction::resource).toList()));
            m.put("svg", GraphSvg.draw(t, Map.of()));
        }
        return m;
    }

    Map<String, Object> history() {
        CrmRunner.Result r = crm.run(List.of("history"));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("command", r.command());
        m.put("text", r.ok() ? r.out() : r.err().strip());
        List<Map<String, Object>> list = new ArrayList<>();
        try {
            HistoryListing h = daemon().history();
            for (TransitionRecord t : h.transitions()) {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("id", t.dc() + ":" + t.number());
                e.put("started", Instant.ofEpochMilli(t.startedMs()).toString());
                e.put("trigger", t.trigger());
                e.put("result", t.result());
                e.put("summary", t.summary().stream().map(s -> s.strip().replaceFirst("^\\* ", "")).toList());
                e.put("actions", t.actions().size());
                list.add(e);
            }
        } catch (ServiceException | CliException e) {
            m.put("error", e.getMessage());
        }
        m.put("transitions", list);
        return m;
    }

    Map<String, Object> transition(String id) {
        if (id == null || !id.matches("[A-Za-z0-9_.-]+:\\d+|-?\\d+")) {
            throw new IllegalArgumentException("'" + id + "' is not a transition id (DC:N)");
        }
        CrmRunner.Result r = crm.run(List.of("history", "transition", id, "explain"));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("command", r.command());
        m.put("code", r.code());
        m.put("text", r.ok() ? r.out() : r.err().strip());
        if (r.ok() && id.contains(":")) {
            try {
                DaemonService d = daemon();
                TransitionRecord rec = d.history().transitions().stream()
                        .filter(t -> (t.dc() + ":" + t.number()).equals(id)).findFirst().orElse(null);
                if (rec != null) {
                    Cib input = d.transitionInput(rec.dc(), rec.number());
                    String date = input.attribute("execution-date");
                    Instant at = date == null ? Instant.ofEpochMilli(rec.startedMs()) : Instant.ofEpochSecond(Long.parseLong(date.trim()));
                    Transition t = new Scheduler().schedule(input, at);
                    Map<String, String> results = new LinkedHashMap<>();
                    rec.actions().forEach(a -> results.put(a.key() + "@" + a.node(), a.result()));
                    m.put("svg", GraphSvg.draw(t, results));
                }
            } catch (ServiceException | RuntimeException e) {
                m.put("svgError", "cannot draw the graph: " + e.getMessage());
            }
        }
        return m;
    }

    private DaemonService daemon() {
        return CibClients.daemon(crm.context());
    }

    private static Map<String, List<String>> explanations(Transition t, List<String> resources) {
        Set<String> ids = new LinkedHashSet<>();
        for (String r : resources) {
            if (r != null && (t.explanations().containsKey(r) || t.placements().containsKey(r))) {
                ids.add(r);
            }
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        ids.forEach(r -> out.put(r, Explainer.explain(t, r)));
        return out;
    }
}
