package tms.gateway;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The rules by which the built-in stand-in platform decides, so that everything runs offline.
 *
 * @param amountLimit   amounts above this (in fen) are declined with 61
 * @param panSuffixCodes a PAN ending in a key is declined with its code (test cards: 0051 → 51)
 * @param balance       the available balance reported to balance inquiries, in fen
 */
public record StandInRules(long amountLimit, Map<String, String> panSuffixCodes, long balance) {

    public StandInRules {
        if (amountLimit <= 0) {
            throw new IllegalArgumentException("stand-in amount limit must be positive, was " + amountLimit);
        }
        panSuffixCodes = Map.copyOf(panSuffixCodes);
    }

    /** Limit 50,000.00 yuan; test PANs ending 0051 → 51 (insufficient funds), 0014 → 14 (invalid card). */
    public static StandInRules defaults() {
        Map<String, String> codes = new LinkedHashMap<>();
        codes.put("0051", "51");
        codes.put("0014", "14");
        return new StandInRules(5_000_000L, codes, 1_000_000L);
    }

    public StandInRules withAmountLimit(long limit) {
        return new StandInRules(limit, panSuffixCodes, balance);
    }
}
