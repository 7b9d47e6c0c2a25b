package tms.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import tms.store.testing.TestDatabase;

/** The V2 tables and the terminal's activation columns, on H2 and MariaDB. */
class ActivationStoreTest {

    private static final Instant T0 = Instant.parse("2026-11-25T08:00:00.123456Z");

    @ParameterizedTest
    @MethodSource("tms.store.testing.TestDatabases#all")
    void activationCodesAreUsedOnceAndWithdrawnWhenReplaced(TestDatabase db) {
        Store store = db.open();
        ActivationCode first = new ActivationCode(null, "SN-1", "898100012340001", "a".repeat(64), "cli:alice", T0,
                T0.plus(24, ChronoUnit.HOURS), null, null);
        store.write(s -> {
            s.getMapper(ActivationCodeMapper.class).insert(first);
            return null;
        });
        ActivationCode stored = store.read(s -> s.getMapper(ActivationCodeMapper.class).findLatest("SN-1"));
        assertThat(stored.open()).isTrue();
        assertThat(stored.expiresAt()).isEqualTo(T0.plus(24, ChronoUnit.HOURS));
        assertThat(stored.codeHash()).isEqualTo("a".repeat(64));

        Integer withdrawn = store.write(s -> {
            int n = s.getMapper(ActivationCodeMapper.class).withdrawOpen("SN-1", T0.plusSeconds(60));
            s.getMapper(ActivationCodeMapper.class).insert(new ActivationCode(null, "SN-1", "898100012340001",
                    "b".repeat(64), "cli:bob", T0.plusSeconds(60), T0.plusSeconds(3600), null, null));
            return n;
        });
        assertThat(withdrawn).isEqualTo(1);
        ActivationCode latest = store.read(s -> s.getMapper(ActivationCodeMapper.class).findLatest("SN-1"));
        assertThat(latest.codeHash()).isEqualTo("b".repeat(64));

        Integer used = store.write(s -> s.getMapper(ActivationCodeMapper.class).markUsed(latest.id(), T0.plusSeconds(90)));
        Integer usedAgain = store.write(s -> s.getMapper(ActivationCodeMapper.class).markUsed(latest.id(), T0.plusSeconds(95)));
        Integer usedWithdrawn = store.write(s -> s.getMapper(ActivationCodeMapper.class).markUsed(stored.id(), T0.plusSeconds(99)));
        assertThat(used).isEqualTo(1);
        assertThat(usedAgain).isZero();
        assertThat(usedWithdrawn).isZero();
        ActivationCode after = store.read(s -> s.getMapper(ActivationCodeMapper.class).findLatest("SN-1"));
        assertThat(after.usedAt()).isEqualTo(T0.plusSeconds(90));
        assertThat(after.open()).isFalse();
    }

    @ParameterizedTest
    @MethodSource("tms.store.testing.TestDatabases#all")
    void failedTriesLockAndActivationBindsEverything(TestDatabase db) {
        Store store = db.open();
        store.write(s -> {
            s.getMapper(TerminalMapper.class).insert(new Terminal(null, "SN-2", null, null, "P2000", null, null,
                    TerminalState.IN_STOCK, null, null, null, null, null));
            return null;
        });
        store.write(s -> {
            TerminalMapper terminals = s.getMapper(TerminalMapper.class);
            assertThat(terminals.findActivationForUpdate("SN-2").failedActivations()).isZero();
            terminals.recordFailedActivation("SN-2", null);
            terminals.recordFailedActivation("SN-2", T0);
            return null;
        });
        TerminalActivation locked = store.read(s -> s.getMapper(TerminalMapper.class).findActivation("SN-2"));
        assertThat(locked.failedActivations()).isEqualTo(2);
        assertThat(locked.locked()).isTrue();
        assertThat(locked.activationLockedAt()).isEqualTo(T0);

        store.write(s -> s.getMapper(TerminalMapper.class).unlockActivation("SN-2"));
        TerminalActivation unlocked = store.read(s -> s.getMapper(TerminalMapper.class).findActivation("SN-2"));
        assertThat(unlocked.locked()).isFalse();
        assertThat(unlocked.failedActivations()).isZero();

        store.write(s -> s.getMapper(TerminalMapper.class).activate("SN-2", "10000099", "898100012340001",
                "K1.TMK.16.X", "82E13665", "RSA", "3082"));
        TerminalActivation active = store.read(s -> s.getMapper(TerminalMapper.class).findActivation("SN-2"));
        assertThat(active.state()).isEqualTo(TerminalState.ACTIVE);
        assertThat(active.tid()).isEqualTo("10000099");
        assertThat(active.deviceKeyAlgorithm()).isEqualTo("RSA");
        assertThat(active.devicePublicKey()).isEqualTo("3082");
        Terminal terminal = store.read(s -> s.getMapper(TerminalMapper.class).findByTid("10000099"));
        assertThat(terminal.tmkWrapped()).isEqualTo("K1.TMK.16.X");
        assertThat(terminal.tmkCheckValue()).isEqualTo("82E13665");
    }

    @ParameterizedTest
    @MethodSource("tms.store.testing.TestDatabases#all")
    void revokedTerminalsAreListedFromTheDatabaseClock(TestDatabase db) throws Exception {
        Store store = db.open();
        store.write(s -> {
            s.getMapper(TerminalMapper.class).insert(SampleRows.terminal("SN-3", "10000003"));
            s.getMapper(TerminalMapper.class).insert(SampleRows.terminal("SN-4", "10000004"));
            return null;
        });
        Instant before = store.read(s -> s.getMapper(TerminalMapper.class).databaseNow());
        store.write(s -> s.getMapper(TerminalMapper.class).revoke("SN-3", "lost by merchant"));

        List<BarredTerminal> barred = store.read(s -> s.getMapper(TerminalMapper.class).listBarredSince(before));
        assertThat(barred).extracting(BarredTerminal::tid).containsExactly("10000003");
        assertThat(barred.get(0).state()).isEqualTo(TerminalState.REVOKED);
        assertThat(barred.get(0).changedAt()).isAfterOrEqualTo(before);
        Instant later = barred.get(0).changedAt().plusSeconds(1);
        List<BarredTerminal> none = store.read(s -> s.getMapper(TerminalMapper.class).listBarredSince(later));
        assertThat(none).isEmpty();
        TerminalActivation revoked = store.read(s -> s.getMapper(TerminalMapper.class).findActivation("SN-3"));
        assertThat(revoked.revokedReason()).isEqualTo("lost by merchant");
    }

    @ParameterizedTest
    @MethodSource("tms.store.testing.TestDatabases#all")
    void auditLogAppendsAndListsNewestFirst(TestDatabase db) {
        Store store = db.open();
        store.write(s -> {
            AuditLogMapper audit = s.getMapper(AuditLogMapper.class);
            audit.insert(new AuditEntry(null, T0, "cli:alice", "terminal.activation-code.issue", "SN-5", "local",
                    "OK", "expires in 24 h", "state=IN_STOCK", "state=IN_STOCK, open code"));
            audit.insert(new AuditEntry(null, T0.plusSeconds(1), "gateway", "terminal.activate", "SN-5",
                    "/127.0.0.1:5000", "REFUSED", "wrong activation code (1 of 5)", null, null));
            audit.insert(new AuditEntry(null, T0.plusSeconds(2), "cli:alice", "terminal.revoke", "SN-6", "local",
                    "OK", null, null, null));
            return null;
        });
        List<AuditEntry> sn5 = store.read(s -> s.getMapper(AuditLogMapper.class).listBySubject("SN-5", 10));
        assertThat(sn5).extracting(AuditEntry::action).containsExactly("terminal.activate", "terminal.activation-code.issue");
        assertThat(sn5.get(1).recordedAt()).isEqualTo(T0);
        assertThat(sn5.get(1).afterState()).isEqualTo("state=IN_STOCK, open code");
        List<AuditEntry> recent = store.read(s -> s.getMapper(AuditLogMapper.class).listRecent(2));
        assertThat(recent).extracting(AuditEntry::subject).containsExactly("SN-6", "SN-5");
    }

    @ParameterizedTest
    @MethodSource("tms.store.testing.TestDatabases#all")
    void hostKeysAreStoredOnceByName(TestDatabase db) {
        Store store = db.open();
        String longWrapped = "K".repeat(7000);
        store.write(s -> {
            s.getMapper(HostKeyMapper.class).insert(new HostKey("signing-rsa", "RSA", longWrapped, "30820122", null));
            return null;
        });
        HostKey key = store.read(s -> s.getMapper(HostKeyMapper.class).find("signing-rsa"));
        assertThat(key.privateKeyWrapped()).isEqualTo(longWrapped);
        assertThat(key.createdAt()).isNotNull();
        assertThat(key.toString()).doesNotContain("KKKK");
        try {
            store.write(s -> {
                s.getMapper(HostKeyMapper.class).insert(new HostKey("signing-rsa", "RSA", "other", "30", null));
                return null;
            });
            org.junit.jupiter.api.Assertions.fail("a second key of the same name was stored");
        } catch (RuntimeException e) {
            assertThat(Store.isDuplicateKey(e)).isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("tms.store.testing.TestDatabases#all")
    void signInStoresWrappedWorkingKeysAndSignOffClearsThem(TestDatabase db) {
        Store store = db.open();
        store.write(s -> {
            s.getMapper(TerminalMapper.class).insert(SampleRows.terminal("SN-7", "10000007"));
            return null;
        });
        SignedInTerminal before = store.read(s -> s.getMapper(TerminalMapper.class).findSignedIn("10000007"));
        assertThat(before.makWrapped()).isNull();
        assertThat(before.signedInAt()).isNull();

        store.write(s -> s.getMapper(TerminalMapper.class).recordSignIn("10000007", "000002", "K1.PIK", "K1.MAK",
                "K1.TDK", T0));
        SignedInTerminal after = store.read(s -> s.getMapper(TerminalMapper.class).findSignedIn("10000007"));
        assertThat(after.currentBatch()).isEqualTo("000002");
        assertThat(after.pikWrapped()).isEqualTo("K1.PIK");
        assertThat(after.makWrapped()).isEqualTo("K1.MAK");
        assertThat(after.tdkWrapped()).isEqualTo("K1.TDK");
        assertThat(after.signedInAt()).isEqualTo(T0);
        assertThat(after.state()).isEqualTo(TerminalState.ACTIVE);
        assertThat(after.toString()).doesNotContain("K1.MAK");
        Terminal terminal = store.read(s -> s.getMapper(TerminalMapper.class).findByTid("10000007"));
        assertThat(terminal.lastSeen()).isEqualTo(T0);

        store.write(s -> s.getMapper(TerminalMapper.class).clearWorkingKeys("10000007"));
        SignedInTerminal off = store.read(s -> s.getMapper(TerminalMapper.class).findSignedIn("10000007"));
        assertThat(off.makWrapped()).isNull();
        assertThat(off.pikWrapped()).isNull();
        SignedInTerminal unknown = store.read(s -> s.getMapper(TerminalMapper.class).findSignedIn("99999999"));
        assertThat(unknown).isNull();
    }
}
