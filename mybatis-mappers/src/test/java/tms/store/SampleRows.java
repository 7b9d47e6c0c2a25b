package tms.store;

import java.time.Instant;

/** Plausible rows for the store tests. */
final class SampleRows {

    private SampleRows() {
    }

    static Terminal terminal(String serialNumber, String tid) {
        return new Terminal(null, serialNumber, "PSAM" + serialNumber, "89860012345678901234", "N910", tid,
                "898100012340001", TerminalState.ACTIVE, "U1A2B3C4D5E6F708192A3B4C5D6E7F80", "A1B2C3D4", null, null,
                null);
    }

    static CapturedTransaction purchase(String tid, String batch, String trace, Instant hostTime) {
        return new CapturedTransaction(null, tid, "898100012340001", batch, trace, "000000" + trace, "A1B2C3", "0200",
                "000000", TransactionKind.PURCHASE, 12_345L, "156", "622202", "1234",
                "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", "051", "00",
                TransactionStatus.APPROVED, "0314", "101502", hostTime);
    }
}
