package org.vigil.node;

import java.nio.file.Path;
import org.vigil.cib.Cib;

/** Child process for the kill -9 test: saves ever newer CIBs and says which epoch is safely stored. */
public final class CibStoreWriter {
    private CibStoreWriter() {}

    public static void main(String[] args) throws Exception {
        CibStore store = new CibStore(Path.of(args[0]), 3);
        Cib cib = CibStoreTest.sampleCib(40);
        for (long epoch = 1; ; epoch++) {
            cib = cib.withVersion(new org.vigil.cib.CibVersion(0, epoch, 0));
            store.save(cib);
            System.out.println("saved " + epoch);
            System.out.flush();
        }
    }
}
