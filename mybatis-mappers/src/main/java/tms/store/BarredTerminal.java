package tms.store;

import java.time.Instant;

/** A terminal that may no longer transact, and when that changed (database time). */
public record BarredTerminal(String tid, TerminalState state, Instant changedAt) {
}
