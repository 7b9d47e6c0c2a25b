package tms.simulator;

import java.time.Duration;

/**
 * What a load run does: how many terminals, at what total rate (0 = closed loop, as fast as each terminal
 * gets its answers), for how long after a warm-up, and which purchase every terminal repeats.
 */
public record LoadPlan(int terminals, long ratePerSecond, Duration warmup, Duration duration, Duration timeout,
                       long amountFen, String pan) {

    public LoadPlan {
        if (terminals < 1) {
            throw new IllegalArgumentException("a load needs at least one terminal, was " + terminals);
        }
        if (ratePerSecond < 0) {
            throw new IllegalArgumentException("rate must be positive, or 0 for closed loop, was " + ratePerSecond);
        }
        if (warmup.isNegative() || duration.isNegative() || duration.isZero() || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("warm-up must not be negative; duration and timeout must be positive");
        }
    }

    /** Each request waits for the previous answer and goes at once: no schedule, so latency is from the send. */
    public boolean closedLoop() {
        return ratePerSecond == 0;
    }

    /** The requests the schedule wants sent in the measured window (open loop only). */
    public long scheduledInWindow() {
        return closedLoop() ? 0 : Math.round(ratePerSecond * (duration.toNanos() / 1e9));
    }
}
