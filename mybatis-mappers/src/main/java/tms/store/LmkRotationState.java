package tms.store;

import java.time.Instant;

/** An LMK rotation that has started and not finished: the check values of the LMK the keys leave and the one they go to. */
public record LmkRotationState(String oldLmkCheckValue, String newLmkCheckValue, Instant startedAt) {
}
