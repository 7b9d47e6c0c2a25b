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

    /** The embedded defaults: port 8583 on all interfaces, 5 minutes idle, China Standard Time. */
    public static GatewayConfig defaults() {
        return new GatewayConfig("0.0.0.0", 8583, Duration.ofMinutes(5), 2048,
                Math.max(4, Runtime.getRuntime().availableProcessors() * 2),
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
