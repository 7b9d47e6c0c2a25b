package tms.store;

import java.time.Instant;

/**
 * One settlement request (0500) and its answer: the terminal's totals from field 48, the host's for the same
 * batch, and the result digits answered (1 balanced, 2 unbalanced); amounts in fen.
 */
public record Settlement(
        Long id,
        String tid,
        String mid,
        String batch,
        String trace,
        long terminalDebitAmount,
        int terminalDebitCount,
        long terminalCreditAmount,
        int terminalCreditCount,
        long terminalForeignDebitAmount,
        int terminalForeignDebitCount,
        long terminalForeignCreditAmount,
        int terminalForeignCreditCount,
        long hostDebitAmount,
        int hostDebitCount,
        long hostCreditAmount,
        int hostCreditCount,
        int domesticResult,
        int foreignResult,
        String requestHash,
        String responseFields,
        Instant settledAt) {
}
