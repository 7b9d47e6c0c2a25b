package tms.gateway;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides whether a terminal's {@code last_seen} is worth writing again. It is shown to people (the console's
 * terminal page), never used to decide anything, so one write a second per terminal is as good as one per message,
 * and it takes an UPDATE of the terminal row out of most purchases' commits (docs/benchmarks.md).
 */
final class LastSeenThrottle {

    private final long intervalMillis;
    private final ConcurrentHashMap<String, Long> written = new ConcurrentHashMap<>();

    LastSeenThrottle(Duration interval) {
        this.intervalMillis = interval.toMillis();
    }

    /** True, and remembered, when {@code tid}'s last write was at least the interval before {@code now}. */
    boolean due(String tid, Instant now) {
        long at = now.toEpochMilli();
        boolean[] due = {false};
        written.compute(tid, (key, last) -> {
            if (last == null || at - last >= intervalMillis || at < last) {
                due[0] = true;
                return at;
            }
            return last;
        });
        return due[0];
    }
}
