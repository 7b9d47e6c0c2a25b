package tms.store;

import java.util.List;

/**
 * Reads rows back for the store tests, each in a session of its own. (Written out because AssertJ's
 * {@code assertThat(store.read(s -> ...))} cannot pick an overload for the generic result.)
 */
final class StoredRows {

    private StoredRows() {
    }

    static Merchant merchant(Store store, String mid) {
        return store.read(s -> s.getMapper(MerchantMapper.class).findByMid(mid));
    }

    static Terminal terminalBySerialNumber(Store store, String serialNumber) {
        return store.read(s -> s.getMapper(TerminalMapper.class).findBySerialNumber(serialNumber));
    }

    static Terminal terminalByTid(Store store, String tid) {
        return store.read(s -> s.getMapper(TerminalMapper.class).findByTid(tid));
    }

    static List<Terminal> terminals(Store store, int limit) {
        return store.read(s -> s.getMapper(TerminalMapper.class).list(limit));
    }

    static CapturedTransaction transaction(Store store, String tid, String batch, String trace, TransactionKind kind) {
        return store.read(s -> s.getMapper(TransactionMapper.class).findByKey(tid, batch, trace, kind));
    }

    static List<CapturedTransaction> recentTransactions(Store store, int limit) {
        return store.read(s -> s.getMapper(TransactionMapper.class).listRecent(limit));
    }

    static long transactionCount(Store store) {
        return store.read(s -> s.getMapper(TransactionMapper.class).count());
    }
}
