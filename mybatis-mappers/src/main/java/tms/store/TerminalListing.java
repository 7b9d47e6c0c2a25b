package tms.store;

import java.time.Instant;

/** One line of the terminal list: identity, where it is and what it is doing; no key, no key check value. */
public record TerminalListing(String serialNumber, String psamNumber, String simIccid, String model, String tid,
                              String mid, String serviceProvider, TerminalState state, Instant lastSeen) {
}
