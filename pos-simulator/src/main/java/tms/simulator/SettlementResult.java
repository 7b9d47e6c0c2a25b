package tms.simulator;

import tms.iso8583.SettlementTotals;

/** What the host answered to a settlement: its response code and field 48 with the result digits filled in. */
public record SettlementResult(String responseCode, SettlementTotals answered) {

    /** Whether the host's totals agree with the terminal's for domestic and foreign cards. */
    public boolean balanced() {
        return answered != null && answered.domesticResult() == SettlementTotals.BALANCED
                && answered.foreignResult() == SettlementTotals.BALANCED;
    }
}
