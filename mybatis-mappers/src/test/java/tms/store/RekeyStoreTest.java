package tms.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import tms.store.testing.TestDatabase;

/** The V3 re-key columns: order, send, confirm, and what refuses, on H2 and MariaDB. */
class RekeyStoreTest {

    private static final Instant T0 = Instant.parse("2026-11-25T09:00:00.654321Z");
    private static final String TID = "10000077";

    private static boolean pending(Store store, String tid) {
        Boolean pending = store.read(s -> s.getMapper(TerminalMapper.class).isRekeyPending(tid));
        return pending;
    }

    private static SignedInTerminal signedIn(Store store) {
        return store.read(s -> s.getMapper(TerminalMapper.class).findSignedIn(TID));
    }

    private static int changed(Store store, java.util.function.Function<org.apache.ibatis.session.SqlSession, Integer> update) {
        Integer rows = store.write(update);
        return rows;
    }

    private static Store activeTerminal(TestDatabase db, String deviceKey) {
        Store store = db.open();
        activate(store, "SN-77", TID, deviceKey);
        return store;
    }

    private static void activate(Store store, String serialNumber, String tid, String deviceKey) {
        store.write(s -> {
            TerminalMapper terminals = s.getMapper(TerminalMapper.class);
            terminals.insert(new Terminal(null, serialNumber, null, null, "P2000", null, null, TerminalState.IN_STOCK,
                    null, null, null, null, null));
            terminals.activate(serialNumber, tid, "898100012340001", "OLD-TMK", "11111111",
                    deviceKey == null ? null : "RSA", deviceKey);
            terminals.recordSignIn(tid, "000001", "PIK", "MAK", "TDK", T0);
            return null;
        });
    }

    @ParameterizedTest
    @MethodSource("tms.store.testing.TestDatabases#all")
    void aConfirmedTmkReplacesTheOldOneAndItsWorkingKeysInOneStep(TestDatabase db) {
        Store store = activeTerminal(db, "3082");
        assertThat(pending(store, TID)).isFalse();
        assertThat(signedIn(store).rekeyPending()).isFalse();

        assertThat(changed(store, s -> s.getMapper(TerminalMapper.class).orderRekey("SN-77", "NEW-TMK", "22222222", T0)))
                .isEqualTo(1);
        PendingTmk pending = store.read(s -> s.getMapper(TerminalMapper.class).findPendingTmk(TID));
        assertThat(pending.ordered()).isTrue();
        assertThat(pending.pendingTmkWrapped()).isEqualTo("NEW-TMK");
        assertThat(pending.pendingTmkCheckValue()).isEqualTo("22222222");
        assertThat(pending.tmkCheckValue()).isEqualTo("11111111");
        assertThat(pending.rekeyOrderedAt()).isEqualTo(T0);
        assertThat(pending.pendingTmkSentAt()).isNull();
        assertThat(pending.devicePublicKey()).isEqualTo("3082");
        assertThat(pending(store, TID)).isTrue();
        assertThat(signedIn(store).rekeyPending()).isTrue();

        // the first delivery is remembered, later ones leave it
        assertThat(changed(store, s -> s.getMapper(TerminalMapper.class).markPendingTmkSent(TID, T0.plusSeconds(5)))).isEqualTo(1);
        assertThat(changed(store, s -> s.getMapper(TerminalMapper.class).markPendingTmkSent(TID, T0.plusSeconds(9)))).isZero();
        assertThat(store.read(s -> s.getMapper(TerminalMapper.class).findPendingTmk(TID)).pendingTmkSentAt())
                .isEqualTo(T0.plusSeconds(5));

        // the wrong check value changes nothing; the right one swaps the TMK and forgets the working keys
        assertThat(changed(store, s -> s.getMapper(TerminalMapper.class).confirmPendingTmk(TID, "11111111"))).isZero();
        assertThat(signedIn(store).makWrapped()).isEqualTo("MAK");
        assertThat(changed(store, s -> s.getMapper(TerminalMapper.class).confirmPendingTmk(TID, "22222222"))).isEqualTo(1);
        Terminal after = store.read(s -> s.getMapper(TerminalMapper.class).findByTid(TID));
        assertThat(after.tmkWrapped()).isEqualTo("NEW-TMK");
        assertThat(after.tmkCheckValue()).isEqualTo("22222222");
        SignedInTerminal keys = store.read(s -> s.getMapper(TerminalMapper.class).findSignedIn(TID));
        assertThat(keys.pikWrapped()).isNull();
        assertThat(keys.makWrapped()).isNull();
        assertThat(keys.tdkWrapped()).isNull();
        assertThat(keys.rekeyPending()).isFalse();
        PendingTmk cleared = store.read(s -> s.getMapper(TerminalMapper.class).findPendingTmkBySerialNumber("SN-77"));
        assertThat(cleared.ordered()).isFalse();
        assertThat(cleared.rekeyOrderedAt()).isNull();
        assertThat(cleared.pendingTmkSentAt()).isNull();
        // a repeated confirmation finds nothing to confirm
        assertThat(changed(store, s -> s.getMapper(TerminalMapper.class).confirmPendingTmk(TID, "22222222"))).isZero();
    }

    @ParameterizedTest
    @MethodSource("tms.store.testing.TestDatabases#all")
    void noRekeyWithoutADeviceKeyNorForARevokedTerminalAndRevocationWithdrawsAnOrder(TestDatabase db) {
        Store store = activeTerminal(db, "3082");
        activate(store, "SN-78", "10000078", null);
        assertThat(changed(store, s -> s.getMapper(TerminalMapper.class).orderRekey("SN-78", "NEW", "22222222", T0)))
                .isZero();

        store.write(s -> s.getMapper(TerminalMapper.class).orderRekey("SN-77", "NEW", "22222222", T0));
        store.write(s -> s.getMapper(TerminalMapper.class).revoke("SN-77", "stolen"));
        assertThat(store.read(s -> s.getMapper(TerminalMapper.class).findPendingTmk(TID)).ordered()).isFalse();
        assertThat(changed(store, s -> s.getMapper(TerminalMapper.class).orderRekey("SN-77", "NEW", "22222222", T0)))
                .isZero();
        assertThat(changed(store, s -> s.getMapper(TerminalMapper.class).confirmPendingTmk(TID, "22222222"))).isZero();
        assertThat(pending(store, "99999999")).isFalse();
        assertThat(changed(store, s -> s.getMapper(TerminalMapper.class).replaceTmk("SN-77", "LOCAL", "33333333")))
                .as("a revoked terminal gets no TMK").isZero();
    }

    @ParameterizedTest
    @MethodSource("tms.store.testing.TestDatabases#all")
    void aLocallyLoadedTmkReplacesTheOldOneItsWorkingKeysAndAWaitingOrder(TestDatabase db) {
        Store store = activeTerminal(db, "3082");
        store.write(s -> s.getMapper(TerminalMapper.class).orderRekey("SN-77", "NEW", "22222222", T0));
        assertThat(changed(store, s -> s.getMapper(TerminalMapper.class).replaceTmk("SN-77", "LOCAL", "33333333")))
                .isEqualTo(1);
        Terminal after = store.read(s -> s.getMapper(TerminalMapper.class).findByTid(TID));
        assertThat(after.tmkWrapped()).isEqualTo("LOCAL");
        assertThat(after.tmkCheckValue()).isEqualTo("33333333");
        assertThat(signedIn(store).makWrapped()).isNull();
        assertThat(pending(store, TID)).isFalse();
    }
}
