package tms.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import tms.simulator.SimulatedTerminal;
import tms.simulator.TransactionResult;
import tms.store.CapturedTransaction;
import tms.store.TerminalState;
import tms.store.TransactionKind;
import tms.store.TransactionMapper;
import tms.store.TransactionStatus;
import tms.store.testing.TestDatabase;

/**
 * Terminals on their own connections purchase, void, reverse and settle at the same time, so their writes share
 * the capture writer's transactions: every answer matches its committed row, and each terminal's batch balances.
 */
class ConcurrentCaptureTest {

    private static final int TERMINALS = 8;
    private static final int PURCHASES = 15;
    private static final String PAN = "6212261234567890";

    @TempDir
    Path temp;

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("tms.store.testing.TestDatabases#all")
    void terminalsCapturingAtOnceEachGetAnswersThatMatchTheirCommittedRows(TestDatabase db) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(TERMINALS);
        try (GatewayFixture fixture = new GatewayFixture(db, temp)) {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Void>> done = new ArrayList<>();
            for (int t = 0; t < TERMINALS; t++) {
                String tid = String.format("2000%04d", t);
                fixture.register("SN-" + tid, tid, GatewayFixture.MID, TerminalState.ACTIVE);
                // connected and signed in here: the fixture's terminal profiles are not shared across threads
                SimulatedTerminal terminal = fixture.terminal(tid, GatewayFixture.MID);
                assertThat(terminal.signIn("004").approved()).isTrue();
                done.add(pool.submit(() -> {
                    try (terminal) {
                        go.await();
                        serve(fixture, terminal, tid);
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<Void> f : done) {
                f.get(120, TimeUnit.SECONDS);
            }
            long rows = fixture.capturedRows();
            // per terminal: the purchases, the one reversed, its reversal, one void
            assertThat(rows).isEqualTo(TERMINALS * (PURCHASES + 3L));
        } finally {
            pool.shutdownNow();
        }
    }

    private static void serve(GatewayFixture fixture, SimulatedTerminal terminal, String tid) throws Exception {
        List<TransactionResult> purchases = new ArrayList<>();
        for (int i = 0; i < PURCHASES; i++) {
            TransactionResult result = terminal.purchase(100 + i, PAN);
            assertThat(result.responseCode()).as("%s purchase %d", tid, i).isEqualTo("00");
            // the answer left after its row was committed: another connection reads it, approved, same RRN
            CapturedTransaction row = row(fixture, tid, result, TransactionKind.PURCHASE);
            assertThat(row.status()).isEqualTo(TransactionStatus.APPROVED);
            assertThat(row.rrn()).isEqualTo(result.rrn());
            assertThat(row.authCode()).isEqualTo(result.authCode());
            purchases.add(result);
        }
        TransactionResult voided = purchases.get(2);
        assertThat(terminal.purchaseVoid(voided, 102, PAN).responseCode()).isEqualTo("00");
        assertThat(row(fixture, tid, voided, TransactionKind.PURCHASE).status()).isEqualTo(TransactionStatus.VOIDED);
        TransactionResult last = terminal.purchase(999, PAN);
        assertThat(last.responseCode()).isEqualTo("00");
        assertThat(terminal.reverse(last.trace(), "98")).isEqualTo("00");
        assertThat(row(fixture, tid, last, TransactionKind.PURCHASE).status()).isEqualTo(TransactionStatus.REVERSED);
        assertThat(terminal.settle().balanced()).as("%s settles balanced", tid).isTrue();
    }

    private static CapturedTransaction row(GatewayFixture fixture, String tid, TransactionResult result,
                                           TransactionKind kind) {
        return fixture.store().read(s -> s.getMapper(TransactionMapper.class)
                .findByKey(tid, result.batch(), result.trace(), kind));
    }
}
