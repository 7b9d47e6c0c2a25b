package tms.store;

import java.time.Instant;

/** The terminal an ID number (by its keyed hash) holds under the one-terminal-per-person rule, and since when. */
public record IdNumberHolder(String idHash, String serialNumber, long applicationId, Instant since) {
}
