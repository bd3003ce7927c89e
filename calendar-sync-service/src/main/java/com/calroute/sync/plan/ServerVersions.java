package com.calroute.sync.plan;

/** Names an Exchange server by the version the product speaks of, from the build numbers it reports. */
public final class ServerVersions {

    private ServerVersions() {
    }

    /**
     * {@code Exchange2010}, {@code Exchange2010_SP1}, {@code Exchange2010_SP2}, {@code Exchange2013} or
     * {@code Exchange2013_SP1} (what 2016, 2019 and SE speak); null when the numbers are unknown.
     */
    public static String name(int major, int minor, int majorBuild) {
        if (major == 14) {
            return switch (minor) {
                case 0 -> "Exchange2010";
                case 1 -> "Exchange2010_SP1";
                default -> "Exchange2010_SP2";
            };
        }
        if (major == 15) {
            return minor == 0 && majorBuild < 847 ? "Exchange2013" : "Exchange2013_SP1";
        }
        return major > 15 ? "Exchange2013_SP1" : null;
    }
}
