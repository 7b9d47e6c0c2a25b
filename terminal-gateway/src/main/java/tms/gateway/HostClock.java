package tms.gateway;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;

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

    /** Sets 12 (local time) and 13 (local date) of an answer to the host's time {@code at}. */
    public void stamp(ISOMsg response, Instant at) throws ISOException {
        response.set(12, localTime(at));
        response.set(13, localDate(at));
    }

    /** {@link #stamp} and 15, the settlement date, which is the host's date: answers to financial messages. */
    public void stampWithSettlementDate(ISOMsg response, Instant at) throws ISOException {
        stamp(response, at);
        response.set(15, localDate(at));
    }
}
