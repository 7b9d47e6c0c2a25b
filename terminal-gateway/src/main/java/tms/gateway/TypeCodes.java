package tms.gateway;

import java.util.Map;

import tms.store.TransactionKind;

/** The 60.1 type codes of the captured kinds a reversal or a batch upload names (PROTOCOL.md §3). */
final class TypeCodes {

    private static final Map<String, TransactionKind> KINDS = Map.of(
            "22", TransactionKind.PURCHASE,
            "23", TransactionKind.PURCHASE_VOID,
            "25", TransactionKind.REFUND);

    private TypeCodes() {
    }

    /** The kind of a type code, or null for one this host does not capture. */
    static TransactionKind kindOf(String typeCode) {
        return typeCode == null ? null : KINDS.get(typeCode);
    }
}
