package tms.gateway;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** The host's time as terminals see it (fields 12, 13, 15 in the host's zone) and as the store keeps it (UTC). */
public final class HostClock {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HHmmss");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("MMdd");

    private final Clock clock;
    private final ZoneId zone;

    public HostClock(Clock clock, ZoneId zone) {
        this.clock = clock;
        this.zone = zone;
    }

    public Instant now() {
        return clock.instant();
    }

    public String localTime(Instant at) {
        return TIME.format(ZonedDateTime.ofInstant(at, zone));
    }

    public String localDate(Instant at) {
        return DATE.format(ZonedDateTime.ofInstant(at, zone));
    }
}
