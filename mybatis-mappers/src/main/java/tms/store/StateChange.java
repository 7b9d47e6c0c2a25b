package tms.store;

import java.time.Instant;

/** One line of a terminal's state history: from and to (equal for an event that keeps the state), why, who, when. */
public record StateChange(TerminalState fromState, TerminalState toState, String event, String detail, String actor,
                          Instant changedAt) {
}
