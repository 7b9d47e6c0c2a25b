package tms.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static tms.admin.Manifests.CLOCK;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import tms.hsm.Lmk;
import tms.hsm.SoftwareSecurityModule;
import tms.store.StateChange;
import tms.store.Store;
import tms.store.TerminalMapper;
import tms.store.TerminalState;
import tms.store.TransactionKind;
import tms.store.TransactionMapper;
import tms.store.TransactionStatus;
import tms.store.TransactionSummary;
import tms.store.CapturedTransaction;
import tms.store.testing.TestDatabase;

/**
 * The technician actions of tms.admin write the state history (stock-in, a code issued, an unlock, a revocation),
 * and a terminal's page reads it back with the latest transactions, newest first: on H2 and MariaDB.
 */
class TerminalLifeTest {

    private static final Actor TECHNICIAN = new Actor("tech", "10.0.0.8");

    @TempDir
    Path temp;

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("tms.store.testing.TestDatabases#all")
    void theHistoryRecordsEachStepNewestFirst(TestDatabase db) {
        Store store = db.open();
        var hsm = new SoftwareSecurityModule(Lmk.loadOrCreateDevelopment(temp.resolve("lmk.key")));
        new StockIn(store, CLOCK).register("LIFE-1", "PSAMLIFE0001", null, "N910", TECHNICIAN);
        ActivationCodes codes = new ActivationCodes(store, hsm, CLOCK, new SecureRandom());
        codes.issue("LIFE-1", "898100012340001", "Noodle shop", ActivationCodes.DEFAULT_VALIDITY, TECHNICIAN);
        store.write(s -> s.getMapper(TerminalMapper.class).recordFailedActivation("LIFE-1", null));
        codes.unlock("LIFE-1", TECHNICIAN);
        store.write(s -> s.getMapper(TerminalMapper.class).activate("LIFE-1", "70000001", "898100012340001", null,
                "A1B2C3", null, null));
        store.write(s -> {
            TransactionMapper transactions = s.getMapper(TransactionMapper.class);
            for (int i = 1; i <= 25; i++) {
                transactions.insert(new CapturedTransaction(null, "70000001", "898100012340001", "000001",
                        String.format("%06d", i), null, null, "0200", "000000", TransactionKind.PURCHASE, 100L * i,
                        "156", "621226", "7890", "f".repeat(64), "051", "00", TransactionStatus.APPROVED, null, null,
                        Instant.parse("2025-03-14T02:00:00Z").plusSeconds(i)));
            }
            return null;
        });
        new TerminalRevocation(store, CLOCK).revoke("LIFE-1", "stolen", TECHNICIAN);

        TerminalOverview overview = new TerminalDirectory(store).describe("LIFE-1").orElseThrow();

        assertThat(overview.history()).extracting(StateChange::event, StateChange::fromState, StateChange::toState)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("revoke", TerminalState.ACTIVE, TerminalState.REVOKED),
                        org.assertj.core.groups.Tuple.tuple("activation-unlock", TerminalState.IN_STOCK,
                                TerminalState.IN_STOCK),
                        org.assertj.core.groups.Tuple.tuple("activation-code", TerminalState.IN_STOCK,
                                TerminalState.IN_STOCK),
                        org.assertj.core.groups.Tuple.tuple("stock-in", null, TerminalState.IN_STOCK));
        assertThat(overview.history().get(0).detail()).isEqualTo("stolen");
        assertThat(overview.history()).allMatch(c -> c.actor().equals("tech"));
        assertThat(overview.detail().state()).isEqualTo(TerminalState.REVOKED);
        assertThat(overview.detail().revokedReason()).isEqualTo("stolen");
        assertThat(overview.detail().tmkCheckValue()).isEqualTo("A1B2C3");
        assertThat(overview.sessionOpen()).isFalse();
        List<TransactionSummary> transactions = overview.transactions();
        assertThat(transactions).hasSize(TerminalDirectory.RECENT_TRANSACTIONS);
        assertThat(transactions.get(0).trace()).isEqualTo("000025");
        assertThat(transactions.get(19).trace()).isEqualTo("000006");
        assertThat(transactions).allMatch(t -> t.maskedCard().equals("621226******7890"));
    }
}
