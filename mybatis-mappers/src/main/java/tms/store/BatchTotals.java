package tms.store;

/**
 * The host's totals of one terminal batch, amounts in fen: debit = approved purchases and pre-auth completions
 * (voided ones included, as their voids count in credit), credit = approved voids and refunds; reversed rows,
 * pre-authorisations and their voids count nowhere.
 */
public record BatchTotals(long debitAmount, int debitCount, long creditAmount, int creditCount) {
}
