package tms.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class LastSeenThrottleTest {

    private static final Instant T = Instant.parse("2026-12-07T10:00:00Z");

    @Test
    void writesAtMostOncePerIntervalPerTerminal() {
        LastSeenThrottle throttle = new LastSeenThrottle(Duration.ofSeconds(1));
        assertThat(throttle.due("10000001", T)).isTrue();
        assertThat(throttle.due("10000001", T.plusMillis(999))).isFalse();
        assertThat(throttle.due("10000002", T.plusMillis(999))).as("another terminal").isTrue();
        assertThat(throttle.due("10000001", T.plusMillis(1000))).isTrue();
        assertThat(throttle.due("10000001", T.plusMillis(1500))).isFalse();
        assertThat(throttle.due("10000001", T.minusSeconds(5))).as("the clock went back").isTrue();
    }
}
