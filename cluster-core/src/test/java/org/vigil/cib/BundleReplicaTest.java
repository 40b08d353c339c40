package org.vigil.cib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class BundleReplicaTest {
    private static Bundle bundle(String xml) throws Exception {
        Cib cib = CibXml.standard().read("<cib><configuration><crm_config/><nodes/><resources>" + xml
                + "</resources><constraints/></configuration><status/></cib>", "test").cib();
        return Bundle.parse(((OpaqueResource) cib.configuration().resources().get(0)).element());
    }

    @Test
    void replicasAreNamedAsPacemakerNamesThem() throws Exception {
        Bundle b = bundle("<bundle id=\"web\"><docker image=\"img\" replicas=\"2\"/>"
                + "<network ip-range-start=\"10.0.0.254\" host-netmask=\"24\"/>"
                + "<primitive id=\"httpd\" class=\"ocf\" provider=\"heartbeat\" type=\"apache\"/></bundle>");
        List<BundleReplica> r = BundleReplica.of(b);
        assertEquals(2, r.size());
        assertEquals("web-docker-1", r.get(1).container().id());
        assertEquals("web-ip-10.0.1.1", r.get(1).ip().id());
        assertEquals("web-1", r.get(1).guestNode());
        assertEquals("ocf:pacemaker:remote", r.get(0).connection().agent());
    }

    @Test
    void aBundleWithoutPrimitiveHasNoGuestNodes() throws Exception {
        Bundle b = bundle("<bundle id=\"b\"><podman image=\"img\"/></bundle>");
        assertEquals(1, BundleReplica.of(b).size());
        assertNull(BundleReplica.of(b).get(0).connection());
        assertNull(BundleReplica.of(b).get(0).ip());
    }

    @Test
    void aBundleWithoutRuntimeIsAClearError() {
        CibParseException e = assertThrows(CibParseException.class,
                () -> bundle("<bundle id=\"b\"><network/></bundle>"));
        assertTrue(e.getMessage().contains("bundle b") && e.getMessage().contains("no container runtime"),
                e.getMessage());
    }

    @Test
    void badReplicaCountIsAClearError() {
        CibParseException e = assertThrows(CibParseException.class,
                () -> bundle("<bundle id=\"b\"><docker image=\"i\" replicas=\"zero\"/></bundle>"));
        assertTrue(e.getMessage().contains("replicas=\"zero\""), e.getMessage());
    }

    /** Every container start recorded in the shared Pacemaker cases ran with the parameters generated here. */
    @Test
    void generatedContainerParametersMatchPacemakersRecordedDigests() throws Exception {
        int checked = 0;
        List<String> wrong = new ArrayList<>();
        for (Path xml : SharedCorpus.schedulerInputs()) {
            Cib cib = CibXml.standard().read(xml).cib();
            Map<String, Primitive> generated = new HashMap<>();
            for (Resource r : cib.configuration().resources()) {
                if (r instanceof OpaqueResource o && o.element().name().equals("bundle")) {
                    for (BundleReplica rep : BundleReplica.of(Bundle.parse(o.element()))) {
                        generated.put(rep.container().id(), rep.container());
                        if (rep.ip() != null) {
                            generated.put(rep.ip().id(), rep.ip());
                        }
                    }
                }
            }
            for (NodeState ns : cib.status().nodeStates()) {
                if (ns.lrm() == null) {
                    continue;
                }
                for (LrmResource lr : ns.lrm().resources()) {
                    Primitive p = generated.get(lr.id());
                    if (p == null) {
                        continue;
                    }
                    for (LrmRscOp op : lr.ops()) {
                        if (!op.operation().equals("start") || op.digests().all() == null) {
                            continue;
                        }
                        checked++;
                        String now = digest(p);
                        if (!now.equals(op.digests().all())) {
                            wrong.add(xml.getFileName() + " " + lr.id() + " " + canonical(p));
                        }
                    }
                }
            }
        }
        assertTrue(checked > 50, "checked " + checked);
        assertTrue(wrong.size() * 10 < checked, wrong.size() + " of " + checked + " differ, e.g. " + wrong.subList(0, Math.min(3, wrong.size())));
    }

    private static String canonical(Primitive p) {
        Map<String, String> params = new TreeMap<>();
        for (NvSet s : p.instanceAttributes()) {
            for (NvPair pair : s.pairs()) {
                params.put(pair.name(), pair.value());
            }
        }
        StringBuilder sb = new StringBuilder(" <parameters");
        params.forEach((k, v) -> sb.append(' ').append(k).append("=\"").append(v).append('"'));
        return sb.append("/>\n").toString();
    }

    private static String digest(Primitive p) throws Exception {
        byte[] d = MessageDigest.getInstance("MD5").digest(canonical(p).getBytes(StandardCharsets.UTF_8));
        StringBuilder hex = new StringBuilder();
        for (byte x : d) {
            hex.append(String.format("%02x", x));
        }
        return hex.toString();
    }
}
