package org.vigil.cli;

import picocli.CommandLine;

/** The version for {@code --version}: the one Maven filtered into cluster-core's {@code version.properties}. */
public final class VersionProvider implements CommandLine.IVersionProvider {
    static String version() {
        return org.vigil.node.VigilVersion.current();
    }

    @Override
    public String[] getVersion() {
        return new String[] {"Vigil crm " + version(), "Java " + System.getProperty("java.version")};
    }
}
