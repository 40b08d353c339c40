package org.vigil.cli.status;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crm_mon text ratchet (see {@link MonRatchet}): every input under {@code -1}, a share of them under the other
 * option sets (every {@value #STRIDE}th), all pairs with {@code -Dvigil.crmmon.full=true}.
 */
class CrmMonConformanceTest {
    /** In the default build each option set other than -1 is checked on one input in STRIDE. */
    static final int STRIDE = 8;

    static final List<String> OPTIONS = List.of("-1", "-1 -rf", "-1 -rA", "-1 -r", "-1 -n", "-1 -rn", "-1 -o",
            "-1 -rot", "-1 -c", "-1 -L", "-1 --brief", "-1 -r --brief", "-1 --show-detail",
            "-1 --include=all", "-1 --exclude=nodes", "-1 -r --node=NODE", "-1 -r --resource=RSC");

    static final MonRatchet RATCHET = new MonRatchet("crm_mon", Path.of("src/test/resources/status/crm-mon-passing.txt"),
            "vigil.crmmon.full", OPTIONS, STRIDE);

    @Test
    void listedPairsStillMatchPacemakersCrmMon(@TempDir Path tmp) throws Exception {
        RATCHET.check(tmp);
    }
}
