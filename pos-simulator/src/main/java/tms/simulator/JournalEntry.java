package tms.simulator;

/**
 * An approved transaction in the terminal's current batch, as the terminal keeps it for settlement and batch
 * upload: its 60.1 type code (22 purchase, 23 void, 25 refund, 20 pre-auth completion, 21 its void), trace, card
 * and amount in fen.
 */
public record JournalEntry(String typeCode, String trace, String pan, long amount) {

    /** Purchases and completions are debits; voids and refunds credits. */
    public boolean debit() {
        return "22".equals(typeCode) || "20".equals(typeCode);
    }

    @Override
    public String toString() {
        return "JournalEntry[" + typeCode + " trace " + trace + " amount " + amount + "]";
    }
}
