package org.vigil.scheduler.stage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vigil.scheduler.Action;
import org.vigil.scheduler.Edge;
import org.vigil.scheduler.Role;
import org.vigil.scheduler.Stage;
import org.vigil.scheduler.WorkingSet;
import org.vigil.scheduler.node.SchedNode;
import org.vigil.scheduler.resource.CloneRsc;
import org.vigil.scheduler.resource.CollectiveActions;
import org.vigil.scheduler.resource.PrimitiveRsc;
import org.vigil.scheduler.resource.Rsc;

/**
 * Clone notifications ({@code notify=true}), scheduled as Pacemaker schedules them so that {@code crm simulate}
 * shows what the cluster will run. Around each kind of operation a clone's instances undergo in a transition
 * (stop, start, demote, promote) come four pseudo actions, {@code CLONE_pre_notify_TASK_0},
 * {@code CLONE_confirmed-pre_notify_TASK_0}, {@code CLONE_post_notify_DONE_0} and
 * {@code CLONE_confirmed-post_notify_DONE_0}; between them a {@code pre} notification goes to every instance
 * active before (on each node it runs on) and a {@code post} one to every instance active after. Each
 * notification carries Pacemaker's lists ({@code notify_start_resource}, {@code notify_active_uname}, ...) for
 * agents such as DRBD, which learn about their peers from them.
 *
 * <p>Runs last: it only adds actions and orderings whose flags follow the clone's own actions, so it changes
 * no decision.
 */
public final class NotificationsStage implements Stage {
    /** In Pacemaker's order of creation, which is also the order of the lists in each notification. */
    private static final List<String> KINDS = List.of("stop", "start", "demote", "promote");

    @Override
    public String name() {
        return "notifications";
    }

    @Override
    public void run(WorkingSet ws) {
        for (Rsc r : ws.resources) {
            if (r instanceof CloneRsc c && c.notify) {
                notifyClone(ws, c);
            }
        }
    }

    /** The notification pseudo actions of one kind of operation. */
    private record Points(Action pre, Action preDone, Action post, Action postDone) {}

    /** One line of a notification list: an instance and the node of the action (or where it runs). */
    private record Entry(PrimitiveRsc instance, SchedNode node) {}

    private static void notifyClone(WorkingSet ws, CloneRsc c) {
        List<PrimitiveRsc> instances = new ArrayList<>();
        c.collectPrimitives(instances);
        Map<String, List<Entry>> ops = operations(instances);
        Map<String, Points> points = new LinkedHashMap<>();
        for (String kind : KINDS) {
            Action op = c.findAction(kind, null);
            Action done = c.findAction(CollectiveActions.completed(kind), null);
            // as Pacemaker: the notifications of a kind are needed when an instance undergoes it
            if (op != null && done != null && !ops.get(kind).isEmpty()) {
                points.put(kind, points(ws, c, kind, op, done));
            }
        }
        if (points.isEmpty()) {
            return;
        }
        Map<String, String> lists = lists(ws, instances, ops);
        for (Map.Entry<String, Points> e : points.entrySet()) {
            for (PrimitiveRsc instance : instances) {
                notifyInstance(ws, instance, e.getKey(), e.getValue(), lists);
            }
        }
        // one kind's post notifications are confirmed before the next kind's pre notifications go out
        after(ws, points, "stop", "start");
        after(ws, points, "stop", "promote");
        after(ws, points, "start", "promote");
        after(ws, points, "demote", "promote");
        after(ws, points, "demote", "start");
        after(ws, points, "demote", "stop");
    }

    /** The instances' required operations of each kind (a stop on a node to be fenced even if not runnable). */
    private static Map<String, List<Entry>> operations(List<PrimitiveRsc> instances) {
        Map<String, List<Entry>> out = new LinkedHashMap<>();
        for (String kind : KINDS) {
            out.put(kind, new ArrayList<>());
        }
        for (PrimitiveRsc i : instances) {
            for (Action a : i.actions) {
                List<Entry> list = out.get(a.task);
                if (list != null && a.intervalMs == 0 && a.node != null && !a.optional
                        && (a.runnable || a.task.equals("stop") && a.node.unclean)) {
                    list.add(new Entry(i, a.node));
                }
            }
        }
        return out;
    }

    private static Points points(WorkingSet ws, CloneRsc c, String kind, Action op, Action done) {
        Action pre = pseudo(ws, c, "pre_notify_" + kind, true);
        Action preDone = pseudo(ws, c, "confirmed-pre_notify_" + kind, true);
        ws.order(pre, preDone, Edge.OPTIONAL);
        ws.order(preDone, op, Edge.OPTIONAL);
        String doneTask = CollectiveActions.completed(kind);
        Action post = pseudo(ws, c, "post_notify_" + doneTask, done.runnable);
        Action postDone = pseudo(ws, c, "confirmed-post_notify_" + doneTask, done.runnable);
        ws.order(done, post, Edge.OPTIONAL);
        ws.order(post, postDone, Edge.OPTIONAL);
        ws.order(preDone, post, Edge.OPTIONAL);
        return new Points(pre, preDone, post, postDone);
    }

    private static Action pseudo(WorkingSet ws, CloneRsc c, String task, boolean runnable) {
        Action a = ws.action(c, task, null, false);
        a.pseudo = true;
        a.runnable = runnable;
        return a;
    }

    private static void after(WorkingSet ws, Map<String, Points> points, String first, String then) {
        Points f = points.get(first);
        Points t = points.get(then);
        if (f != null && t != null) {
            ws.order(f.postDone(), t.pre(), Edge.OPTIONAL);
        }
    }

    /**
     * Who hears about a kind of operation, as Pacemaker decides: of a stop or demote, an instance active now,
     * on each node it runs on (not a node being fenced), before, and after too where it stays; of a start or
     * promote, an instance active afterwards, on its next node, before only if it already runs there.
     */
    private static void notifyInstance(WorkingSet ws, PrimitiveRsc instance, String kind, Points p,
            Map<String, String> lists) {
        if ((kind.equals("stop") || kind.equals("demote")) && instance.role != Role.STOPPED) {
            Action stop = instance.findAction("stop", null);
            for (SchedNode node : instance.runningOn) {
                if (stop != null && stop.pseudo && (node.unclean || node.remoteRequiresReset)) {
                    continue;
                }
                notification(ws, instance, node, "pre", kind, p.pre(), p.preDone(), lists);
                if (kind.equals("demote") || stop == null || stop.optional) {
                    postNotification(ws, instance, node, kind, p, lists);
                }
            }
        }
        if ((kind.equals("start") || kind.equals("promote")) && instance.nextRole != Role.STOPPED
                && instance.assignedTo != null) {
            Action start = instance.findAction("start", null);
            SchedNode next = instance.assignedTo;
            if (start != null && next.connection != null) {
                Action connect = next.connection.findAction("start", null);
                if (connect != null && !connect.runnable) {
                    return; // behind a remote connection that cannot start: nothing to tell
                }
            }
            if (!kind.equals("start") || start == null || start.optional) {
                notification(ws, instance, next, "pre", kind, p.pre(), p.preDone(), lists);
            }
            postNotification(ws, instance, next, kind, p, lists);
        }
    }

    private static void postNotification(WorkingSet ws, PrimitiveRsc instance, SchedNode node, String kind,
            Points p, Map<String, String> lists) {
        notification(ws, instance, node, "post", kind, p.post(), p.postDone(), lists);
        for (Action mon : instance.actions) {
            if (mon.intervalMs != 0) {
                ws.order(p.postDone(), mon, Edge.OPTIONAL); // recurring monitors after the post notifications
            }
        }
    }

    private static void notification(WorkingSet ws, PrimitiveRsc instance, SchedNode node, String type, String kind,
            Action point, Action confirm, Map<String, String> lists) {
        if (!node.online || !point.runnable) {
            return;
        }
        Map<String, String> meta = new LinkedHashMap<>(lists);
        meta.put("notify_type", type);
        meta.put("notify_operation", kind);
        Action n = ws.notification(instance, node, instance.id + "_" + type + "_notify_" + kind + "_0",
                point.optional, meta);
        ws.order(point, n, Edge.OPTIONAL);
        ws.order(n, confirm, Edge.OPTIONAL);
    }

    /**
     * Pacemaker's notification lists: instances ({@code _resource}) and their nodes ({@code _uname}), sorted
     * and space-separated ({@code " "} when empty), the same in every notification of the clone.
     */
    private static Map<String, String> lists(WorkingSet ws, List<PrimitiveRsc> instances,
            Map<String, List<Entry>> ops) {
        Map<String, String> meta = new LinkedHashMap<>();
        for (String kind : KINDS) {
            put(meta, kind, ops.get(kind));
        }
        List<Entry> active = new ArrayList<>();
        List<Entry> promoted = new ArrayList<>();
        List<Entry> unpromoted = new ArrayList<>();
        List<String> inactive = new ArrayList<>();
        for (PrimitiveRsc i : instances) {
            Entry e = new Entry(i, i.runningOn.isEmpty() ? null : i.runningOn.get(0));
            switch (i.role) {
                case STOPPED -> inactive.add(i.id);
                case PROMOTED -> {
                    promoted.add(e);
                    active.add(e);
                }
                case UNPROMOTED -> {
                    unpromoted.add(e);
                    active.add(e);
                }
                case STARTED -> active.add(e);
                default -> { } // an unknown role is in no list
            }
        }
        put(meta, "active", active);
        // Pacemaker 2.1 sends the role lists under both their new and their old names
        put(meta, "unpromoted", unpromoted);
        put(meta, "slave", unpromoted);
        put(meta, "promoted", promoted);
        put(meta, "master", promoted);
        inactive.sort(String::compareTo);
        meta.put("notify_inactive_resource", words(inactive));
        List<String> available = new ArrayList<>();
        List<String> all = new ArrayList<>();
        for (SchedNode n : ws.nodes) {
            all.add(n.uname);
            if (n.canRunResources()) {
                available.add(n.uname);
            }
        }
        available.sort(String::compareTo);
        meta.put("notify_available_uname", words(available));
        meta.put("notify_all_uname", words(all));
        return meta;
    }

    private static void put(Map<String, String> meta, String name, List<Entry> entries) {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.removeIf(e -> e.node() == null);
        sorted.sort(java.util.Comparator.comparing((Entry e) -> e.instance().id).thenComparing(e -> e.node().uname));
        List<String> rscs = new ArrayList<>();
        List<String> unames = new ArrayList<>();
        String last = null;
        for (Entry e : sorted) {
            if (!e.instance().id.equals(last)) {
                rscs.add(e.instance().id);
                unames.add(e.node().uname);
                last = e.instance().id;
            }
        }
        meta.put("notify_" + name + "_resource", words(rscs));
        meta.put("notify_" + name + "_uname", words(unames));
    }

    private static String words(List<String> items) {
        return items.isEmpty() ? " " : String.join(" ", items);
    }
}
