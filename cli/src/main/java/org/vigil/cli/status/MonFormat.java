package org.vigil.cli.status;

import java.time.Instant;
import java.time.ZoneId;
import java.time.LocalDateTime;
import java.util.Locale;
import org.vigil.agents.OcfStatus;
import org.vigil.cib.LrmRscOp;
import org.vigil.scheduler.StatusReading;

/** Pacemaker's small formatters: times, intervals, exit codes and statuses, failed-action lines. */
final class MonFormat {
    private MonFormat() {}

    private static final String[] DAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
        "Nov", "Dec"};

    /**
     * ctime()'s layout in the local zone, as pcmk__epoch2str prints it. Written out by hand because a
     * DateTimeFormatter pattern loads the locale providers, a sixth of a one-shot crm_mon's start-up.
     */
    static String epoch(Instant t, ZoneId zone) {
        LocalDateTime d = t.atZone(zone).toLocalDateTime();
        StringBuilder sb = new StringBuilder(24).append(DAYS[d.getDayOfWeek().ordinal()]).append(' ')
                .append(MONTHS[d.getMonthValue() - 1]).append(' ');
        if (d.getDayOfMonth() < 10) {
            sb.append(' ');
        }
        sb.append(d.getDayOfMonth()).append(' ');
        two(sb, d.getHour()).append(':');
        two(sb, d.getMinute()).append(':');
        two(sb, d.getSecond()).append(' ');
        return sb.append(d.getYear()).toString();
    }

    private static StringBuilder two(StringBuilder sb, int v) {
        return sb.append(v < 10 ? "0" : "").append(v);
    }

    /** pcmk__readable_interval: 1d2h3m4.005s, 10s, 500ms (a whole unit falls to the next smaller one). */
    static String interval(long ms) {
        StringBuilder sb = new StringBuilder();
        long day = 86_400_000L;
        long hour = 3_600_000L;
        long minute = 60_000L;
        if (ms > day) {
            sb.append(ms / day).append('d');
            ms %= day;
        }
        if (ms > hour) {
            sb.append(ms / hour).append('h');
            ms %= hour;
        }
        if (ms > minute) {
            sb.append(ms / minute).append('m');
            ms %= minute;
        }
        if (ms > 1000) {
            sb.append(ms / 1000);
            ms %= 1000;
            if (ms > 0) {
                sb.append('.').append(String.format(Locale.ROOT, "%03d", ms));
            }
            sb.append('s');
        } else if (ms > 0) {
            sb.append(ms).append("ms");
        } else if (sb.length() == 0) {
            sb.append("0s");
        }
        return sb.toString();
    }

    /** A probe that found the agent missing or misconfigured: status shows it as "Stopped (...)" instead. */
    static boolean maskedProbeFailure(LrmRscOp op) {
        if (!"monitor".equals(op.operation()) || op.intervalMs() != 0) {
            return false;
        }
        return op.rc() == 5 || op.rc() == 2 || op.status() == 7;
    }

    /** An operation key split as Pacemaker's parse_op_key does: resource, task, interval. */
    record OpKey(String resource, String task, long intervalMs) {
        static OpKey parse(String key) {
            if (key == null) {
                return null;
            }
            int last = key.lastIndexOf('_');
            if (last <= 0) {
                return null;
            }
            long interval;
            try {
                interval = Long.parseLong(key.substring(last + 1));
            } catch (NumberFormatException e) {
                return null;
            }
            String rest = key.substring(0, last);
            for (String special : new String[] {"_migrate_to", "_migrate_from"}) {
                if (rest.endsWith(special) && rest.length() > special.length()) {
                    return new OpKey(rest.substring(0, rest.length() - special.length()), special.substring(1),
                            interval);
                }
            }
            int notify = rest.lastIndexOf("_notify_");
            if (notify > 0) {
                int pre = rest.lastIndexOf('_', notify - 1);
                String kind = pre > 0 ? rest.substring(pre + 1, notify) : "";
                if ((kind.equals("pre") || kind.equals("post") || kind.endsWith("-pre") || kind.endsWith("-post"))
                        && pre > 0) {
                    return new OpKey(rest.substring(0, pre), rest.substring(pre + 1), interval);
                }
            }
            int sep = rest.lastIndexOf('_');
            if (sep <= 0) {
                return null;
            }
            return new OpKey(rest.substring(0, sep), rest.substring(sep + 1), interval);
        }
    }

    static String failedFriendly(StatusReading.FailedOp f, ZoneId zone) {
        LrmRscOp op = f.op();
        OpKey key = OpKey.parse(f.operationKey());
        String rsc = key == null ? "unknown resource" : key.resource();
        String task = key == null ? "unknown action" : key.task();
        long interval = key == null ? 0 : key.intervalMs();
        StringBuilder sb = new StringBuilder(rsc).append(' ');
        if (interval != 0) {
            sb.append(interval(interval)).append("-interval ");
        }
        sb.append(interval == 0 && task.equalsIgnoreCase("monitor") ? "probe" : task).append(" on ").append(f.node());
        String reason = op.exitReason();
        if (op.status() == 0) {
            sb.append(" returned '").append(OcfStatus.text(op.rc())).append('\'');
            if (reason != null && !reason.isEmpty()) {
                sb.append(" (").append(reason).append(')');
            }
        } else {
            sb.append(" could not be executed (").append(LrmRscOp.statusText(op.status()));
            if (reason != null && !reason.isEmpty()) {
                sb.append(": ").append(reason);
            }
            sb.append(')');
        }
        Long changed = lastChange(op);
        if (changed != null) {
            sb.append(" at ").append(epoch(Instant.ofEpochSecond(changed), zone));
        }
        long exec = execMs(op);
        if (exec > 0) {
            sb.append(" after ").append(interval(exec));
        }
        return sb.toString();
    }

    static String failedTechnical(StatusReading.FailedOp f, ZoneId zone) {
        LrmRscOp op = f.op();
        StringBuilder sb = new StringBuilder();
        sb.append(f.operationKey()).append(" on ").append(f.node()).append(" '").append(OcfStatus.text(op.rc())).append("' (")
                .append(op.rc()).append("): call=").append(op.callId() == null || op.callId().isEmpty() ? "unknown"
                        : op.callId()).append(", status='").append(LrmRscOp.statusText(op.status())).append('\'');
        if (op.exitReason() != null && !op.exitReason().isEmpty()) {
            sb.append(", exitreason='").append(op.exitReason()).append('\'');
        }
        Long changed = lastChange(op);
        if (changed != null) {
            sb.append(", last-rc-change='").append(epoch(Instant.ofEpochSecond(changed), zone)).append('\'');
        }
        String queue = op.attribute("queue-time");
        if (queue != null && !queue.isEmpty()) {
            sb.append(", queued=").append(queue).append("ms");
        }
        if (op.execTime() != null && !op.execTime().isEmpty()) {
            sb.append(", exec=").append(op.execTime()).append("ms");
        }
        return sb.toString();
    }

    private static Long lastChange(LrmRscOp op) {
        String v = op.lastRcChange();
        if (v == null || v.isEmpty()) {
            return null;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static long execMs(LrmRscOp op) {
        try {
            return op.execTime() == null ? 0 : Long.parseLong(op.execTime().trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** By call id; one still pending (call id -1) is the newest and goes last, as in Pacemaker's sort. */
    static int byCallId(LrmRscOp a, LrmRscOp b) {
        return Integer.compare(a.call() == -1 ? Integer.MAX_VALUE : a.call(),
                b.call() == -1 ? Integer.MAX_VALUE : b.call());
    }

    /** pcmk__numeric_strcasecmp: case-insensitive, runs of digits compared as numbers. */
    static int compareNames(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char ca = a.charAt(i);
            char cb = b.charAt(j);
            if (Character.isDigit(ca) && Character.isDigit(cb)) {
                int si = i;
                int sj = j;
                while (i < a.length() && Character.isDigit(a.charAt(i))) {
                    i++;
                }
                while (j < b.length() && Character.isDigit(b.charAt(j))) {
                    j++;
                }
                java.math.BigInteger na = new java.math.BigInteger(a.substring(si, i));
                java.math.BigInteger nb = new java.math.BigInteger(b.substring(sj, j));
                int c = na.compareTo(nb);
                if (c != 0) {
                    return c;
                }
                continue;
            }
            int c = Character.compare(Character.toLowerCase(ca), Character.toLowerCase(cb));
            if (c != 0) {
                return c;
            }
            i++;
            j++;
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
