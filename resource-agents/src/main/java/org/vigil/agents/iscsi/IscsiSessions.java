package org.vigil.agents.iscsi;

import java.util.ArrayList;
import java.util.List;

/**
 * Sessions from {@code iscsiadm -m session -P 3} (open-iscsi 2.x): per "Target:" block the
 * portal, the session and connection states, and the attached SCSI disks.
 */
record IscsiSessions(List<Session> sessions) {
    record Session(String target, String portal, String sessionState, String connectionState, List<String> disks) {
        /** A session the initiator still holds but whose transport failed (target gone, network cut). */
        boolean stale() {
            return !sessionState.equals("LOGGED_IN") || !connectionState.equals("LOGGED IN");
        }
    }

    IscsiSessions {
        sessions = List.copyOf(sessions);
    }

    static IscsiSessions parse(String output) {
        List<Session> out = new ArrayList<>();
        String target = null;
        String portal = "";
        String sState = "";
        String cState = "";
        List<String> disks = new ArrayList<>();
        for (String raw : output.split("\n")) {
            String line = raw.strip();
            if (line.startsWith("Target:")) {
                if (target != null) {
                    out.add(new Session(target, portal, sState, cState, disks));
                }
                target = line.substring("Target:".length()).strip().split("\\s+")[0];
                portal = "";
                sState = "";
                cState = "";
                disks = new ArrayList<>();
            } else if (line.startsWith("Current Portal:")) {
                portal = line.substring("Current Portal:".length()).strip();
            } else if (line.startsWith("iSCSI Session State:")) {
                sState = line.substring("iSCSI Session State:".length()).strip();
            } else if (line.startsWith("iSCSI Connection State:")) {
                cState = line.substring("iSCSI Connection State:".length()).strip();
            } else if (line.startsWith("Attached scsi disk")) {
                String[] f = line.split("\\s+");
                if (f.length >= 4) {
                    disks.add(f[3]);
                }
            }
        }
        if (target != null) {
            out.add(new Session(target, portal, sState, cState, disks));
        }
        return new IscsiSessions(out);
    }

    /** The session to {@code target} through {@code portal} ("ip:port", with or without ",tpgt"). */
    java.util.Optional<Session> find(String target, String portal) {
        return sessions.stream()
                .filter(s -> s.target().equals(target))
                .filter(s -> s.portal().equals(portal) || s.portal().startsWith(portal + ","))
                .findFirst();
    }
}
