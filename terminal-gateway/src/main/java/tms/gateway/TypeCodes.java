package tms.gateway;

import java.util.Map;
import java.util.Set;

import tms.store.TransactionKind;

/** The 60.1 type codes of the captured kinds a reversal or a batch upload names (PROTOCOL.md §3). */
final class TypeCodes {

    private static final Map<String, TransactionKind> KINDS = Map.of(
            "22", TransactionKind.PURCHASE,
            "23", TransactionKind.PURCHASE_VOID,
            "25", TransactionKind.REFUND,
            "10", TransactionKind.PRE_AUTH,
            "11", TransactionKind.PRE_AUTH_VOID,
            "20", TransactionKind.PRE_AUTH_COMPLETION,
            "21", TransactionKind.PRE_AUTH_COMPLETION_VOID);

    /** What a settlement totals and a batch upload carries: a pre-authorisation and its void move no money. */
    private static final Set<TransactionKind> SETTLED = Set.of(TransactionKind.PURCHASE, TransactionKind.PURCHASE_VOID,
            TransactionKind.REFUND, TransactionKind.PRE_AUTH_COMPLETION, TransactionKind.PRE_AUTH_COMPLETION_VOID);

    private TypeCodes() {
    }

    /** The kind of a type code, or null for one this host does not capture. */
    static TransactionKind kindOf(String typeCode) {
        return typeCode == null ? null : KINDS.get(typeCode);
    }

    /** Whether a batch's settlement totals count this kind, so that a batch upload may carry it. */
    static boolean settled(TransactionKind kind) {
        return SETTLED.contains(kind);
    }
}
