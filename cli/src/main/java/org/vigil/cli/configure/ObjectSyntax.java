package org.vigil.cli.configure;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Syntax and an example for each object command, shown by {@code crm configure KEYWORD --help}. */
final class ObjectSyntax {
    record Help(String summary, String syntax, String example) {}

    static final Map<String, Help> ALL = new LinkedHashMap<>();

    static {
        put("node", "Define a cluster node and its permanent attributes.",
                "node [ID:] NAME [attributes NAME=VALUE...] [utilization NAME=VALUE...]",
                "crm configure node server50 attributes ip_livemigration=192.168.1.50");
        put("primitive", "Define a resource run by one agent.",
                "primitive ID CLASS:PROVIDER:TYPE [params NAME=VALUE...] [meta NAME=VALUE...] "
                        + "[utilization NAME=VALUE...] [op NAME interval=TIME timeout=TIME [role=ROLE] ...]...",
                "crm configure primitive vm01 ocf:heartbeat:Xen params xmfile=/etc/xen/cluster/vm01.cfg "
                        + "op monitor interval=30s timeout=30s meta allow-migrate=true");
        put("group", "Define a group: members start in order on one node.",
                "group ID RSC [RSC...] [meta NAME=VALUE...] [params NAME=VALUE...]",
                "crm configure group web ip apache");
        put("clone", "Define a clone: the resource runs on several nodes.",
                "clone ID RSC [meta NAME=VALUE...] [params NAME=VALUE...]",
                "crm configure clone OCFS.MOUNT.CLONE OCFS.MOUNT meta interleave=true");
        put("ms", "Define a promotable clone (written as a <master> element, as crmsh writes it).",
                "ms ID RSC [meta NAME=VALUE...]",
                "crm configure ms MS.DRBD DRBD meta master-max=2 clone-max=2 notify=true interleave=true");
        put("master", "Same as ms.", "master ID RSC [meta NAME=VALUE...]", "crm configure master MS.DRBD DRBD");
        put("location", "Say where a resource may or should run.",
                "location ID RSC [role=ROLE] SCORE: NODE\n"
                        + "  location ID RSC rule [$role=ROLE] SCORE: EXPRESSION [and|or EXPRESSION]... [rule ...]\n"
                        + "  EXPRESSION: ATTR [TYPE:]lt|gt|lte|gte|eq|ne VALUE | defined ATTR | not_defined ATTR |"
                        + " date gt|lt DATE | date in start=DATE end=DATE | date spec hours=9-17 ...\n"
                        + "  SCORE: a number, inf, -inf, mandatory or advisory",
                "crm configure location backup-VM.1 VM.1 100: piova");
        put("colocation", "Keep resources together (positive score) or apart (negative).",
                "colocation ID SCORE: RSC[:ROLE] WITH-RSC[:ROLE] [node-attribute=NAME]\n"
                        + "  colocation ID SCORE: RSC... | ( RSC... ) | [ RSC... ]   (resource sets)",
                "crm configure colocation COL.DRBD.OCFS inf: OCFS.MOUNT.CLONE MS.DRBD:Master");
        put("collocation", "Same as colocation.", "collocation ID SCORE: RSC WITH-RSC",
                "crm configure collocation c inf: a b");
        put("order", "Start resources in order (and stop them in reverse).",
                "order ID [Mandatory:|Optional:|Serialize:|SCORE:] FIRST[:ACTION] THEN[:ACTION] "
                        + "[symmetrical=true|false]\n  order ID KIND: RSC... | ( RSC... ) | [ RSC... ]   (resource sets)",
                "crm configure order ORD.DRBD.OCFS inf: MS.DRBD:promote OCFS.MOUNT.CLONE:start");
        put("property", "Set cluster options.", "property [SET-ID: | $id=SET-ID] [rule EXPRESSION] NAME=VALUE...",
                "crm configure property stonith-enabled=false no-quorum-policy=ignore");
        put("rsc_defaults", "Set defaults for resource meta attributes.", "rsc_defaults [SET-ID: | $id=SET-ID] [rule EXPRESSION] NAME=VALUE...",
                "crm configure rsc_defaults resource-stickiness=100");
        put("op_defaults", "Set defaults for operations.", "op_defaults [SET-ID: | $id=SET-ID] [rule EXPRESSION] NAME=VALUE...",
                "crm configure op_defaults timeout=60s");
        put("rsc_template", "Define a resource template primitives can use with @TEMPLATE.",
                "rsc_template ID CLASS:PROVIDER:TYPE [params ...] [meta ...] [op ...]",
                "crm configure rsc_template vm-template ocf:heartbeat:VirtualDomain op monitor interval=10s");
        put("fencing_topology", "Define fencing levels per node.",
                "fencing_topology TARGET: DEVICE[,DEVICE...] [DEVICE...] [TARGET: ...]\n"
                        + "  TARGET: NODE | attr:NAME=VALUE | pattern:REGEX\n"
                        + "  fencing_topology DEVICE... (no target: the same levels for every node defined)",
                "crm configure fencing_topology server50: ipmi-50 server51: ipmi-51");
        put("tag", "Name a list of resources.", "tag ID: RSC...", "crm configure tag vms: VM.1 VM.2");
        put("rsc_ticket", "Tie resources to a ticket.",
                "rsc_ticket ID TICKET: RSC[:ROLE] [RSC[:ROLE]...] [loss-policy=POLICY]   (several make resource sets)",
                "crm configure rsc_ticket vm-ticket site-a: VM.1 loss-policy=stop");
        put("alert", "Define an alert agent and its recipients.",
                "alert ID PATH [attributes NAME=VALUE...] [meta NAME=VALUE...] "
                        + "[select nodes|fencing|resources|attributes { NAME... }...] "
                        + "[to [{] RECIPIENT [attributes ...] [meta ...] [}]]...",
                "crm configure alert snmp /usr/share/pacemaker/alerts/alert_snmp.sh select fencing nodes "
                        + "to 192.168.28.188");
        put("role", "Define an ACL role: what its users may read, write or not see.",
                "role ID (read|write|deny SPEC...)...\n"
                        + "  SPEC: xpath:XPATH | ref:ID | type:TAG [attr:NAME] | meta:RSC[:NAME] | params:RSC[:NAME] |"
                        + " utilization:RSC | location:RSC | property[:NAME] | nodeattr[:NAME] | nodeutil[:NODE] |"
                        + " node[:NODE] | status | cib",
                "crm configure role d0-admin write meta:d0:target-role read ref:d0");
        put("acl_target", "Give a user ACL roles.", "acl_target USER ROLE...",
                "crm configure acl_target alice d0-admin");
        put("acl_group", "Give a group ACL roles.", "acl_group GROUP ROLE...",
                "crm configure acl_group operators d0-admin");
        put("bundle", "Define a bundle: a container image running a resource.",
                "bundle ID docker|rkt|podman NAME=VALUE... [network NAME=VALUE... [port-mapping NAME=VALUE...]...] "
                        + "[storage [storage-mapping NAME=VALUE...]...] [primitive RSC] [meta NAME=VALUE...]",
                "crm configure bundle httpd docker image=pcmk:httpd replicas=3 network control-port=3121 "
                        + "primitive httpd-rsc");
        put("xml", "Add an object given as Pacemaker XML.", "xml <ELEMENT ...>...</ELEMENT>",
                "crm configure xml '<primitive id=\"d\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\"/>'");
    }

    private static void put(String kw, String summary, String syntax, String example) {
        ALL.put(kw, new Help(summary, syntax, example));
    }

    static List<String> keywords() {
        return List.copyOf(ALL.keySet());
    }

    private ObjectSyntax() {}
}
