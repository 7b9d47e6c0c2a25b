package tms.gateway;

import java.time.Duration;
import java.util.Map;

import tms.hsm.KeyUsage;
import tms.hsm.MacAlgorithm;
import tms.hsm.WrappedKey;

/**
 * How the gateway reaches the upstream payment platform: where, over how many connections, how long it waits, how it
 * MACs, its acquirer ID, the platform's TID/MID for each of ours (absent: the same), and the zone keys.
 *
 * @param zonePinKey a ZPK handle: PINs are translated to it (format 0 under TDES, format 4 under AES)
 * @param zoneMacKey a ZAK handle: requests are MACed and answers verified under it with {@code mac}
 */
public record AcquirerLinkConfig(String host, int port, int connections, Duration timeout, Duration echoInterval,
                                 MacAlgorithm mac, String acquirerId, Map<String, PlatformTerminal> terminals,
                                 WrappedKey zonePinKey, WrappedKey zoneMacKey) {

    /** The platform's own identifiers for one of our terminals. */
    public record PlatformTerminal(String tid, String mid) {
    }

    public AcquirerLinkConfig {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("the platform host is empty; give the host name or address of the payment platform");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("the platform port is " + port + "; expected 1 to 65535");
        }
        if (connections < 1 || connections > 64) {
            throw new IllegalArgumentException("connections is " + connections + "; expected 1 to 64");
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the platform timeout is " + timeout + "; expected a positive duration");
        }
        if (echoInterval == null || echoInterval.isNegative() || echoInterval.isZero()) {
            throw new IllegalArgumentException("the echo interval is " + echoInterval + "; expected a positive duration");
        }
        if (mac == null) {
            throw new IllegalArgumentException("the MAC algorithm is missing; expected CUP_ECB, X9_19 or X9_9");
        }
        if (zonePinKey == null || zonePinKey.usage() != KeyUsage.ZPK) {
            throw new IllegalArgumentException("the zone PIN key is " + (zonePinKey == null ? "missing" : "a " + zonePinKey.usage())
                    + "; expected a ZPK (./tms platform zone-keys)");
        }
        if (zoneMacKey == null || zoneMacKey.usage() != KeyUsage.ZAK) {
            throw new IllegalArgumentException("the zone MAC key is " + (zoneMacKey == null ? "missing" : "a " + zoneMacKey.usage())
                    + "; expected a ZAK (./tms platform zone-keys)");
        }
        terminals = terminals == null ? Map.of() : Map.copyOf(terminals);
    }

    /** Sensible defaults: 2 connections, 10 s timeout, an echo test after 30 s of silence, X9.19 MACs. */
    public static AcquirerLinkConfig of(String host, int port, String acquirerId, WrappedKey zonePinKey,
                                        WrappedKey zoneMacKey) {
        return new AcquirerLinkConfig(host, port, 2, Duration.ofSeconds(10), Duration.ofSeconds(30), MacAlgorithm.X9_19,
                acquirerId, Map.of(), zonePinKey, zoneMacKey);
    }

    public AcquirerLinkConfig withConnections(int n) {
        return new AcquirerLinkConfig(host, port, n, timeout, echoInterval, mac, acquirerId, terminals, zonePinKey, zoneMacKey);
    }

    public AcquirerLinkConfig withTimeout(Duration t) {
        return new AcquirerLinkConfig(host, port, connections, t, echoInterval, mac, acquirerId, terminals, zonePinKey, zoneMacKey);
    }

    public AcquirerLinkConfig withEchoInterval(Duration e) {
        return new AcquirerLinkConfig(host, port, connections, timeout, e, mac, acquirerId, terminals, zonePinKey, zoneMacKey);
    }

    public AcquirerLinkConfig withTerminals(Map<String, PlatformTerminal> t) {
        return new AcquirerLinkConfig(host, port, connections, timeout, echoInterval, mac, acquirerId, t, zonePinKey, zoneMacKey);
    }

    /** The platform's TID and MID for our terminal. */
    PlatformTerminal platformTerminal(String tid, String mid) {
        PlatformTerminal mapped = terminals.get(tid);
        return mapped != null ? mapped : new PlatformTerminal(tid, mid);
    }
}
