package tms.server;

import picocli.CommandLine.IVersionProvider;

/** The version stamped into the jar's manifest at build time. */
public final class Version implements IVersionProvider {

    public static String current() {
        String version = Version.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"tms " + current()};
    }
}
