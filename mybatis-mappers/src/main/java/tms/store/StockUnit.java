package tms.store;

import java.time.Instant;

/**
 * A unit as the warehouse sees it: three codes, model, state, and its inspection ({@code inspection} null until
 * inspected, then PASSED or FAILED; {@code defectReason} why it failed).
 */
public record StockUnit(String serialNumber, String psamNumber, String simIccid, String model, TerminalState state,
                        String inspection, Instant inspectedAt, String defectReason) {
}
