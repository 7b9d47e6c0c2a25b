package tms.store;

import java.time.Instant;

/**
 * One POS terminal as stored; {@code id}, {@code createdAt} and {@code currentBatch} may be null on insert
 * (the database assigns them), and {@code tmkWrapped} is only ever the LMK-wrapped form of the key.
 */
public record Terminal(
        Long id,
        String serialNumber,
        String psamNumber,
        String simIccid,
        String model,
        String tid,
        String mid,
        TerminalState state,
        String tmkWrapped,
        String tmkCheckValue,
        String currentBatch,
        Instant lastSeen,
        Instant createdAt) {
}
