package com.calroute.ewssim;

import com.calroute.ewssim.throttling.BudgetScope;

import java.util.List;

/**
 * The Exchange server being simulated: what its ServerVersionInfo header says (build numbers and Version strings
 * as those servers send them) and the highest RequestServerVersion it accepts.
 */
public enum ServerVersion {
    EXCHANGE2010("Exchange2010", 14, 0, 639, 21, "Exchange2010", "Exchange2010", 10, 3),
    EXCHANGE2010_SP1("Exchange2010_SP1", 14, 1, 218, 15, "Exchange2010_SP1", "Exchange2010_SP1", 10, 3),
    EXCHANGE2010_SP2("Exchange2010_SP2", 14, 2, 247, 5, "Exchange2010_SP2", "Exchange2010_SP2", 10, 3),
    EXCHANGE2013("Exchange2013", 15, 0, 516, 32, "V2_6", "Exchange2013", 27, 3),
    EXCHANGE2013_SP1("Exchange2013_SP1", 15, 0, 847, 32, "V2_8", "Exchange2013_SP1", 27, 3),
    EXCHANGE2016("Exchange2016", 15, 1, 2507, 6, "V2017_07_11", "Exchange2016", 27, 10),
    EXCHANGE2019("Exchange2019", 15, 2, 1258, 12, "V2017_07_11", "Exchange2016", 27, 10);

    /** Request versions in the order Exchange ranks them. */
    private static final List<String> REQUEST_VERSIONS = List.of("Exchange2007", "Exchange2007_SP1", "Exchange2009",
            "Exchange2010", "Exchange2010_SP1", "Exchange2010_SP2", "Exchange2012", "Exchange2013", "Exchange2013_SP1",
            "Exchange2015", "Exchange2016", "V2015_10_05", "V2016_01_06", "V2016_04_13", "V2016_07_13",
            "V2016_10_10", "V2017_01_07", "V2017_04_14", "V2017_07_11", "V2017_10_09", "V2018_01_08");

    private final String configName;
    private final int major;
    private final int minor;
    private final int majorBuild;
    private final int minorBuild;
    private final String versionAttribute;
    private final String highestRequestVersion;
    private final int defaultMaxConcurrency;
    private final int defaultStreamingConnectionsPerMailbox;

    ServerVersion(String configName, int major, int minor, int majorBuild, int minorBuild, String versionAttribute,
            String highestRequestVersion, int defaultMaxConcurrency, int defaultStreamingConnectionsPerMailbox) {
        this.configName = configName;
        this.major = major;
        this.minor = minor;
        this.majorBuild = majorBuild;
        this.minorBuild = minorBuild;
        this.versionAttribute = versionAttribute;
        this.highestRequestVersion = highestRequestVersion;
        this.defaultMaxConcurrency = defaultMaxConcurrency;
        this.defaultStreamingConnectionsPerMailbox = defaultStreamingConnectionsPerMailbox;
    }

    public static ServerVersion parse(String name) {
        for (ServerVersion version : values()) {
            if (version.configName.equalsIgnoreCase(name) || version.name().equalsIgnoreCase(name)) {
                return version;
            }
        }
        throw new IllegalArgumentException("unknown server version: " + name + " (one of Exchange2010, Exchange2010_SP1, "
                + "Exchange2010_SP2, Exchange2013, Exchange2013_SP1, Exchange2016, Exchange2019)");
    }

    public String configName() { return configName; }
    public int major() { return major; }
    public int minor() { return minor; }
    public int majorBuild() { return majorBuild; }
    public int minorBuild() { return minorBuild; }
    public String versionAttribute() { return versionAttribute; }
    /** EWSMaxConcurrency of the default throttling policy: 10 on Exchange 2010, 27 from 2013 on. */
    public int defaultMaxConcurrency() { return defaultMaxConcurrency; }
    /** Hanging (streaming) connections charged per anchor mailbox: 3 on 2010/2013, 10 on 2016+. */
    public int defaultStreamingConnectionsPerMailbox() { return defaultStreamingConnectionsPerMailbox; }

    /** Whether a request declaring {@code requestVersion} is one this server understands. */
    public boolean accepts(String requestVersion) {
        int requested = REQUEST_VERSIONS.indexOf(requestVersion);
        return requested >= 0 && requested <= REQUEST_VERSIONS.indexOf(highestRequestVersion);
    }

    /** Whether {@code requestVersion} is {@code minimum} or a later schema (unknown versions are not). */
    public static boolean requestAtLeast(String requestVersion, String minimum) {
        int requested = REQUEST_VERSIONS.indexOf(requestVersion);
        return requested >= 0 && requested >= REQUEST_VERSIONS.indexOf(minimum);
    }

    public static boolean isKnownRequestVersion(String requestVersion) {
        return REQUEST_VERSIONS.contains(requestVersion);
    }

    /** Whose budget an impersonated request spends by default: the target mailbox's from Exchange 2013 on. */
    public BudgetScope defaultBudgetScope() {
        return atLeast(EXCHANGE2013) ? BudgetScope.TARGET_MAILBOX : BudgetScope.ACCOUNT;
    }

    public boolean atLeast(ServerVersion other) {
        return ordinal() >= other.ordinal();
    }
}
