package org.vigil.cli.status;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crm_mon XML ratchet (see {@link MonRatchet}): {@code --output-as xml} and the legacy {@code -X} document
 * compared with Pacemaker 2.1.5's, the update time and the request line blanked. The default build checks every
 * input under the first option set and every {@value #STRIDE}th under the others;
 * {@code -Dvigil.crmmonxml.full=true} checks every pair.
 */
class CrmMonXmlConformanceTest {
    static final int STRIDE = 8;

    static final List<String> OPTIONS = List.of("--output-as xml", "-X", "--output-as xml --exclude=nodes",
            "--output-as xml -n", "--output-as xml --node=NODE", "--output-as xml --resource=RSC");

    static final MonRatchet RATCHET = new MonRatchet("crm_mon XML",
            Path.of("src/test/resources/status/crm-mon-xml-passing.txt"), "vigil.crmmonxml.full", OPTIONS, STRIDE);

    @Test
    void listedPairsStillMatchPacemakersCrmMonXml(@TempDir Path tmp) throws Exception {
        RATCHET.check(tmp);
    }
}
