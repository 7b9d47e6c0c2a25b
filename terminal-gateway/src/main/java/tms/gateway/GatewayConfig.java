package tms.gateway;

import java.time.Duration;
import java.time.ZoneId;

/** How the terminal gateway listens and answers. */
public record GatewayConfig(
        String bindAddress,
        int port,
        Duration idleTimeout,
        int maxFrameLength,
        int businessThreads,
        String acquirerId,
        ZoneId hostZone,
        StandInRules standInRules,
        Duration barredTerminalPoll) {

    /**
     * Business threads by default. A financial request's thread spends most of its time waiting for its group
     * commit ({@link CaptureWriter}), and a commit can only be shared by requests waiting at once: so many more
     * threads than cores, each connection keeping to one of them.
     */
    public static final int DEFAULT_BUSINESS_THREADS = 64;

    /** The embedded defaults: port 8583 on all interfaces, 5 minutes idle, China Standard Time. */
    public static GatewayConfig defaults() {
        return new GatewayConfig("0.0.0.0", 8583, Duration.ofMinutes(5), 2048, DEFAULT_BUSINESS_THREADS,
                "00000000", ZoneId.of("Asia/Shanghai"), StandInRules.defaults(), Duration.ofMillis(250));
    }

    public GatewayConfig withPort(int newPort) {
        return new GatewayConfig(bindAddress, newPort, idleTimeout, maxFrameLength, businessThreads,
                acquirerId, hostZone, standInRules, barredTerminalPoll);
    }

    public GatewayConfig withBindAddress(String address) {
        return new GatewayConfig(address, port, idleTimeout, maxFrameLength, businessThreads,
                acquirerId, hostZone, standInRules, barredTerminalPoll);
    }

    public GatewayConfig withIdleTimeout(Duration timeout) {
        return new GatewayConfig(bindAddress, port, timeout, maxFrameLength, businessThreads,
                acquirerId, hostZone, standInRules, barredTerminalPoll);
    }

    public GatewayConfig withStandInRules(StandInRules rules) {
        return new GatewayConfig(bindAddress, port, idleTimeout, maxFrameLength, businessThreads,
                acquirerId, hostZone, rules, barredTerminalPoll);
    }
}
