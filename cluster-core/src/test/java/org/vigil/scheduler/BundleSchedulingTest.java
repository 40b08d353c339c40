package org.vigil.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.vigil.cib.Cib;
import org.vigil.cib.CibParseException;
import org.vigil.cib.CibXml;

/**
 * Bundles in the scheduler. Each input is in src/test/resources/scheduler/bundles; the expected lines are what
 * Pacemaker 2.1.5's crm_simulate -S prints for it.
 */
class BundleSchedulingTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    private static Set<String> summary(String name) throws IOException, CibParseException {
        try (InputStream in = BundleSchedulingTest.class.getResourceAsStream("/scheduler/bundles/" + name)) {
            Cib cib = CibXml.standard().read(in, name).cib();
            Transition t = new Scheduler().schedule(cib, NOW);
            assertTrue(t.unsupported().isEmpty(), t.unsupported().toString());
            return ConformanceCase.fold(t.summary());
        }
    }

    @Test
    void eachReplicaStartsItsContainerConnectionAndInstanceOnANodeOfItsOwn() throws Exception {
        assertEquals(Set.of(
                "* Start web-podman-0 ( n1 )", "* Start web-0 ( n1 )", "* Start httpd:0 ( web-0 )",
                "* Start web-podman-1 ( n2 )", "* Start web-1 ( n2 )", "* Start httpd:1 ( web-1 )"),
                summary("new-bundle.xml"));
    }

    @Test
    void bundleReplicaMovesWithItsGuestNode() throws Exception {
        Set<String> lines = summary("replica-moves.xml");
        assertTrue(lines.contains("* Move web-podman-0 ( n1 -> n2 )"), lines.toString());
        assertTrue(lines.contains("* Move web-0 ( n1 -> n2 )"), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("* Restart httpd:0 ( web-0 )")), lines.toString());
        assertEquals(3, lines.size(), lines.toString());
    }

    @Test
    void aResourceColocatedWithABundleRunsWhereAContainerRuns() throws Exception {
        assertEquals(Set.of("* Start vip ( n2 )", "* Start web-podman-0 ( n2 )", "* Start web-0 ( n2 )",
                "* Start httpd:0 ( web-0 )"), summary("colocated-with-bundle.xml"));
    }
}
