package io.lskd.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar manifest (the Maven project version). */
final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = Main.class.getPackage().getImplementationVersion();
        return new String[] {"lskd " + (version == null ? "(development build)" : version)
                + ", DL4J/ND4J 1.0.0-M2.1, Java " + System.getProperty("java.version")};
    }
}
