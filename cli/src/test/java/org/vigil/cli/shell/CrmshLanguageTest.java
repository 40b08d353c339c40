package org.vigil.cli.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vigil.cib.Configuration;

/**
 * crmsh's configure constructs: each gives the CIB XML crmsh 4.4 writes for it (the expected XML below is what
 * crmsh printed with {@code show xml} for the same statements), and {@code configure show} output reads back to
 * the same CIB.
 */
class CrmshLanguageTest {
    private static final String EMPTY_SECTIONS = "<crm_config/><nodes/><resources/><constraints/>";

    static Stream<Arguments> constructs() {
        return Stream.of(
                Arguments.of("op instance attributes",
                        "primitive d9 Dummy op monitor interval=10 OCF_CHECK_LEVEL=10 foo=bar",
                        "<configuration><resources><primitive id='d9' class='ocf' provider='heartbeat' type='Dummy'>"
                                + "<operations><op name='monitor' interval='10' id='d9-monitor-10'>"
                                + "<instance_attributes id='d9-monitor-10-instance_attributes'>"
                                + "<nvpair name='OCF_CHECK_LEVEL' value='10' "
                                + "id='d9-monitor-10-instance_attributes-OCF_CHECK_LEVEL'/>"
                                + "<nvpair name='foo' value='bar' id='d9-monitor-10-instance_attributes-foo'/>"
                                + "</instance_attributes></op></operations></primitive></resources></configuration>"),
                Arguments.of("ops named after an operations id, op without interval",
                        "primitive d1 ocf:pacemaker:Dummy operations $id=d1-ops op monitor interval=60m "
                                + "op start timeout=60s",
                        "<configuration><resources><primitive id='d1' class='ocf' provider='pacemaker' type='Dummy'>"
                                + "<operations id='d1-ops'><op name='monitor' interval='60m' id='d1-ops-monitor-60m'/>"
                                + "<op name='start' timeout='60s' interval='0' id='d1-ops-start-0'/></operations>"
                                + "</primitive></resources></configuration>"),
                Arguments.of("second and third sets get -0 and -1",
                        "primitive d10 Dummy params a=1 params b=2 params c=3 meta x=1 meta y=2",
                        "<configuration><resources><primitive id='d10' class='ocf' provider='heartbeat' type='Dummy'>"
                                + "<instance_attributes id='d10-instance_attributes'>"
                                + "<nvpair name='a' value='1' id='d10-instance_attributes-a'/></instance_attributes>"
                                + "<instance_attributes id='d10-instance_attributes-0'>"
                                + "<nvpair name='b' value='2' id='d10-instance_attributes-0-b'/></instance_attributes>"
                                + "<instance_attributes id='d10-instance_attributes-1'>"
                                + "<nvpair name='c' value='3' id='d10-instance_attributes-1-c'/></instance_attributes>"
                                + "<meta_attributes id='d10-meta_attributes'>"
                                + "<nvpair name='x' value='1' id='d10-meta_attributes-x'/></meta_attributes>"
                                + "<meta_attributes id='d10-meta_attributes-0'>"
                                + "<nvpair name='y' value='2' id='d10-meta_attributes-0-y'/></meta_attributes>"
                                + "</primitive></resources></configuration>"),
                Arguments.of("an id-ref naming an object means its element of that kind",
                        "primitive d1 Dummy operations $id=d1-ops op monitor interval=60m meta a=1 params b=2\n"
                                + "primitive s6 Dummy operations $id-ref=d1 meta $id-ref=d1 params $id-ref=d1\n"
                                + "primitive s7 Dummy params $id-ref=d1-instance_attributes\n"
                                + "location l2 d1 rule $id=l2-rule1 100: #uname eq node1\n"
                                + "location l7 s6 rule $id-ref=l2\nlocation l8 s6 rule $id-ref=d1",
                        "<configuration><resources><primitive id='d1' class='ocf' provider='heartbeat' type='Dummy'>"
                                + "<operations id='d1-ops'><op name='monitor' interval='60m' id='d1-ops-monitor-60m'/>"
                                + "</operations><meta_attributes id='d1-meta_attributes'>"
                                + "<nvpair name='a' value='1' id='d1-meta_attributes-a'/></meta_attributes>"
                                + "<instance_attributes id='d1-instance_attributes'>"
                                + "<nvpair name='b' value='2' id='d1-instance_attributes-b'/></instance_attributes>"
                                + "</primitive><primitive id='s6' class='ocf' provider='heartbeat' type='Dummy'>"
                                + "<operations id-ref='d1-ops'/><meta_attributes id-ref='d1-meta_attributes'/>"
                                + "<instance_attributes id-ref='d1-instance_attributes'/></primitive>"
                                + "<primitive id='s7' class='ocf' provider='heartbeat' type='Dummy'>"
                                + "<instance_attributes id-ref='d1-instance_attributes'/></primitive></resources>"
                                + "<constraints><rsc_location id='l2' rsc='d1'><rule id='l2-rule1' score='100'>"
                                + "<expression operation='eq' attribute='#uname' value='node1' "
                                + "id='l2-rule1-expression'/></rule></rsc_location>"
                                + "<rsc_location id='l7' rsc='s6'><rule id-ref='l2-rule1'/></rsc_location>"
                                + "<rsc_location id='l8' rsc='s6'><rule id-ref='d1'/></rsc_location>"
                                + "</constraints></configuration>"),
                Arguments.of("ms is written as master",
                        "primitive d4 ocf:pacemaker:Dummy\nms m d4",
                        "<configuration><resources><master id='m'>"
                                + "<primitive id='d4' class='ocf' provider='pacemaker' type='Dummy'/></master>"
                                + "</resources></configuration>"),
                Arguments.of("params with rules, pair ids and pair references",
                        "primitive d7 Dummy params rule inf: #uname eq node1 fake=1\n"
                                + "primitive p0 Dummy params $p0-state:state=1\n"
                                + "primitive p1 Dummy params rule role=Started date in start=2009-05-26 "
                                + "end=2010-05-26 or date gt 2014-01-01 state=2\n"
                                + "primitive p2 Dummy params @p0-state",
                        "<configuration><resources>"
                                + "<primitive id='d7' class='ocf' provider='heartbeat' type='Dummy'>"
                                + "<instance_attributes id='d7-instance_attributes'>"
                                + "<rule score='INFINITY' id='d7-instance_attributes-rule'><expression operation='eq' "
                                + "attribute='#uname' value='node1' id='d7-instance_attributes-rule-expression'/></rule>"
                                + "<nvpair name='fake' value='1' id='d7-instance_attributes-fake'/>"
                                + "</instance_attributes></primitive>"
                                + "<primitive id='p0' class='ocf' provider='heartbeat' type='Dummy'>"
                                + "<instance_attributes id='p0-instance_attributes'>"
                                + "<nvpair id='p0-state' name='state' value='1'/></instance_attributes></primitive>"
                                + "<primitive id='p1' class='ocf' provider='heartbeat' type='Dummy'>"
                                + "<instance_attributes id='p1-instance_attributes'>"
                                + "<rule role='Started' score='INFINITY' boolean-op='or' id='p1-instance_attributes-rule'>"
                                + "<date_expression operation='in_range' start='2009-05-26' end='2010-05-26' "
                                + "id='p1-instance_attributes-rule-expression'/>"
                                + "<date_expression operation='gt' start='2014-01-01' "
                                + "id='p1-instance_attributes-rule-expression-0'/></rule>"
                                + "<nvpair name='state' value='2' id='p1-instance_attributes-state'/>"
                                + "</instance_attributes></primitive>"
                                + "<primitive id='p2' class='ocf' provider='heartbeat' type='Dummy'>"
                                + "<instance_attributes id='p2-instance_attributes'><nvpair id-ref='p0-state'/>"
                                + "</instance_attributes></primitive></resources></configuration>"),
                Arguments.of("rules and ids in property and op_defaults",
                        "property $id=cpset2 maintenance-mode=true\n"
                                + "property rule #uname eq node1 stonith-enabled=no\n"
                                + "op_defaults $id=opsdef2 rule 100: #uname eq node1 record-pending=true",
                        "<configuration><crm_config>"
                                + "<cluster_property_set id='cib-bootstrap-options'>"
                                + "<nvpair name='stonith-enabled' value='no' id='cib-bootstrap-options-stonith-enabled'/>"
                                + "<rule score='INFINITY' id='cib-bootstrap-options-rule'><expression operation='eq' "
                                + "attribute='#uname' value='node1' id='cib-bootstrap-options-rule-expression'/></rule>"
                                + "</cluster_property_set><cluster_property_set id='cpset2'>"
                                + "<nvpair name='maintenance-mode' value='true' id='cpset2-maintenance-mode'/>"
                                + "</cluster_property_set></crm_config>"
                                + "<op_defaults><meta_attributes id='opsdef2'><rule score='100' id='opsdef2-rule'>"
                                + "<expression operation='eq' attribute='#uname' value='node1' "
                                + "id='opsdef2-rule-expression'/></rule>"
                                + "<nvpair name='record-pending' value='true' id='opsdef2-record-pending'/>"
                                + "</meta_attributes></op_defaults></configuration>"),
                Arguments.of("location rule without a score",
                        "primitive p0 Dummy\nlocation l9 p0 rule ethmonitor-eth1 eq 1",
                        "<configuration><resources><primitive id='p0' class='ocf' provider='heartbeat' type='Dummy'/>"
                                + "</resources><constraints><rsc_location id='l9' rsc='p0'>"
                                + "<rule score='INFINITY' id='l9-rule'><expression operation='eq' "
                                + "attribute='ethmonitor-eth1' value='1' id='l9-rule-expression'/></rule>"
                                + "</rsc_location></constraints></configuration>"),
                Arguments.of("fencing_topology without a target covers every node",
                        "node node1\nnode node2\nprimitive st stonith:ssh\nprimitive st2 stonith:ssh\n"
                                + "fencing_topology st st2",
                        "<configuration><nodes><node uname='node1' id='node1'/><node uname='node2' id='node2'/>"
                                + "</nodes><resources><primitive id='st' class='stonith' type='ssh'/>"
                                + "<primitive id='st2' class='stonith' type='ssh'/></resources><fencing-topology>"
                                + "<fencing-level target='node1' index='1' devices='st' id='fencing'/>"
                                + "<fencing-level target='node1' index='2' devices='st2' id='fencing-0'/>"
                                + "<fencing-level target='node2' index='1' devices='st' id='fencing-1'/>"
                                + "<fencing-level target='node2' index='2' devices='st2' id='fencing-2'/>"
                                + "</fencing-topology></configuration>"),
                Arguments.of("rsc_ticket with sets",
                        "primitive d0 Dummy\nprimitive d1 Dummy\nprimitive st Dummy\n"
                                + "rsc_ticket t5 tk: st:Started d0 d1 loss-policy=stop",
                        "<configuration><resources><primitive id='d0' class='ocf' provider='heartbeat' type='Dummy'/>"
                                + "<primitive id='d1' class='ocf' provider='heartbeat' type='Dummy'/>"
                                + "<primitive id='st' class='ocf' provider='heartbeat' type='Dummy'/></resources>"
                                + "<constraints><rsc_ticket id='t5' ticket='tk' loss-policy='stop'>"
                                + "<resource_set role='Started' id='t5-0'><resource_ref id='st'/></resource_set>"
                                + "<resource_set id='t5-1'><resource_ref id='d0'/><resource_ref id='d1'/>"
                                + "</resource_set></rsc_ticket></constraints></configuration>"),
                Arguments.of("alerts with attributes, select and recipients",
                        "alert notify_10 /usr/share/pacemaker/alerts/alert_snmp.sh attributes "
                                + "trap_add_hires_timestamp_oid=\"false\" select attributes { master-prmStateful test1 } "
                                + "to 192.168.28.188\n"
                                + "alert notify_11 /usr/share/pacemaker/alerts/alert_snmp.sh select fencing nodes "
                                + "resources to 192.168.28.188",
                        "<configuration><alerts>"
                                + "<alert id='notify_10' path='/usr/share/pacemaker/alerts/alert_snmp.sh'>"
                                + "<instance_attributes id='notify_10-instance_attributes'>"
                                + "<nvpair name='trap_add_hires_timestamp_oid' value='false' "
                                + "id='notify_10-instance_attributes-trap_add_hires_timestamp_oid'/>"
                                + "</instance_attributes><select><select_attributes>"
                                + "<attribute name='master-prmStateful' id='notify_10-0'/>"
                                + "<attribute name='test1' id='notify_10-1'/></select_attributes></select>"
                                + "<recipient id='notify_10-recipient-1' value='192.168.28.188'/></alert>"
                                + "<alert id='notify_11' path='/usr/share/pacemaker/alerts/alert_snmp.sh'>"
                                + "<select><select_fencing/><select_nodes/><select_resources/></select>"
                                + "<recipient id='notify_11-recipient-1' value='192.168.28.188'/></alert>"
                                + "</alerts></configuration>"),
                Arguments.of("ACL roles (rules, shortcuts) and targets",
                        "role basic-read read status read type:node attribute:uname read property\n"
                                + "role d0-admin write meta:d0:target-role read ref:d0\n"
                                + "role two read xpath:\"//nodes//attributes\" deny tag:nvpair\n"
                                + "acl_target bob d0-admin basic-read\n"
                                + "acl_group admins two",
                        "<configuration><acls><acl_role id='basic-read'>"
                                + "<acl_permission kind='read' xpath='/cib/status' id='basic-read-0'/>"
                                + "<acl_permission kind='read' object-type='node' attribute='uname' id='basic-read-1'/>"
                                + "<acl_permission kind='read' xpath='//crm_config/cluster_property_set' "
                                + "id='basic-read-2'/></acl_role>"
                                + "<acl_role id='d0-admin'><acl_permission kind='write' "
                                + "xpath=\"//primitive[@id='d0']/meta_attributes/nvpair[@name='target-role']\" "
                                + "id='d0-admin-0'/><acl_permission kind='read' reference='d0' id='d0-admin-1'/>"
                                + "</acl_role><acl_role id='two'>"
                                + "<acl_permission kind='read' xpath='//nodes//attributes' id='two-0'/>"
                                + "<acl_permission kind='deny' object-type='nvpair' id='two-1'/></acl_role>"
                                + "<acl_target id='bob'><role id='d0-admin'/><role id='basic-read'/></acl_target>"
                                + "<acl_group id='admins'><role id='two'/></acl_group></acls></configuration>"));
    }

    static Configuration load(String text) {
        return ConfigApplier.apply(Configuration.EMPTY, ConfigParser.parseText(text), ConfigApplier.Mode.CREATE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("constructs")
    void constructGivesCrmshXmlAndShowReadsBackToTheSameCib(String name, String statements, String expected) {
        Configuration c = load(statements);
        assertEquals(CibCanon.of(expected.replace("<configuration>", "<configuration>" + EMPTY_SECTIONS)),
                CibCanon.of(c), name);
        String shown = ConfigPrinter.print(c);
        assertTrue(ConfigPrinter.objects(c).stream().noneMatch(p -> p.kind().equals("xml")),
                "shown in the language, not as xml:\n" + shown);
        assertEquals(CibCanon.of(c), CibCanon.of(load(shown)), "round trip of:\n" + shown);
        assertEquals(shown, ConfigPrinter.print(load(shown)));
    }

    @Test
    void showPrintsCrmshText() {
        Configuration c = load("node node1\nnode node2\nprimitive st stonith:ssh\nprimitive st2 stonith:ssh\n"
                + "fencing_topology st st2\nprimitive p0 Dummy params $p0-state:state=1\n"
                + "primitive p2 Dummy params @p0-state\nrole d0-admin write meta:d0:target-role read ref:d0\n"
                + "alert a1 /bin/true to { /tmp/log attributes x=1 }\n"
                + "property rule #uname eq node1 stonith-enabled=no");
        String shown = ConfigPrinter.print(c);
        assertTrue(shown.contains("fencing_topology st st2\n"), shown);
        assertTrue(shown.contains("params $p0-state:state=1\n"), shown);
        assertTrue(shown.contains("params @p0-state\n"), shown);
        assertTrue(shown.contains("role d0-admin \\\n\twrite meta:d0:target-role \\\n\tread ref:d0\n"), shown);
        assertTrue(shown.contains("alert a1 /bin/true \\\n\tto { /tmp/log attributes x=1 }\n"), shown);
        assertTrue(shown.contains("property cib-bootstrap-options: \\\n\trule inf: #uname eq node1 \\\n"
                + "\tstonith-enabled=no\n"), shown);
    }

    static Stream<Arguments> badInput() {
        return Stream.of(
                Arguments.of("primitive d Dummy\nrole r1 read", "shown:2: role r1: expected a permission after 'read'"),
                Arguments.of("role r1 grant cib", "shown:1: role r1: expected read, write or deny but found 'grant'"),
                Arguments.of("role r1 read meta", "shown:1: ACL shortcut 'meta' needs an argument"),
                Arguments.of("alert a1 /bin/true to", "shown:1: unexpected end of statement (expected the recipient"),
                Arguments.of("alert a1 /bin/true select colors", "shown:1: alert a1: expected nodes, fencing, "
                        + "resources or attributes { ... } after 'select' but found 'colors'"),
                Arguments.of("fencing_topology st n1: st2", "shown:1: fencing_topology: target 'n1:' after levels "
                        + "without a target"),
                Arguments.of("primitive d Dummy params rule inf: #uname eq", "shown:1: unexpected end of statement "
                        + "(expected a value to compare with)"),
                Arguments.of("primitive d Dummy params rule #uname eq a rule #uname eq b x=1", "shown:1: only one "
                        + "rule per params set is supported"),
                Arguments.of("primitive d Dummy op monitor intervall=10", "shown:1: op monitor of d: unknown "
                        + "attribute 'intervall' (did you mean interval?)"),
                Arguments.of("primitive d Dummy\nlocation l d rule #uname eq a b", "shown:2: expected 'and', 'or' or "
                        + "another 'rule' in location l but found 'b'"),
                Arguments.of("property rule #uname eq a", "shown:1: expected name=value after 'property'"),
                Arguments.of("bundle b1 network ip-range-start=10.0.0.1", "shown:1: bundle b1 needs a container: "
                        + "docker, rkt or podman image=IMAGE"),
                Arguments.of("bundle b1 docker image=x primitive nosuch", "shown:1: bundle b1: resource nosuch does "
                        + "not exist"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInput")
    void badInputIsOneClearErrorNamingTheLine(String text, String message) {
        ShellSyntaxException e = assertThrows(ShellSyntaxException.class, () -> load(text));
        assertTrue(e.describe("shown").startsWith(message), e.describe("shown"));
    }
}
