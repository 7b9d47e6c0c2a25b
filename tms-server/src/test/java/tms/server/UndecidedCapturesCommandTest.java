package tms.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tms.store.CapturedTransaction;
import tms.store.TransactionKind;
import tms.store.TransactionMapper;
import tms.store.TransactionStatus;

/** run --undecided-after refusing what would flag live transactions, and transactions --status listing the flagged. */
class UndecidedCapturesCommandTest {

    @TempDir
    Path data;

    @Test
    void runRefusesAnUndecidedAfterOutOfRangeOrNotLongerThanThePlatformTimeout() {
        CommandRun zero = CommandRun.of("", "run", "--data", data.toString(), "--dev-lmk", "--gateway-port", "0",
                "--admin-port", "0", "--undecided-after", "0");
        CommandRun shorter = CommandRun.of("", "run", "--data", data.toString(), "--dev-lmk", "--gateway-port", "0",
                "--admin-port", "0", "--platform", "127.0.0.1:6000", "--platform-timeout-ms", "10000",
                "--undecided-after", "10");

        assertThat(zero.exitCode()).isEqualTo(1);
        assertThat(zero.err()).contains("--undecided-after 0 is out of range: give 1 to 86400 seconds");
        assertThat(shorter.exitCode()).isEqualTo(1);
        assertThat(shorter.err()).contains("--undecided-after 10 s is not longer than --platform-timeout-ms 10000");
    }

    @Test
    void transactionsListsTheRowsOfOneStatusOldestFirst() throws Exception {
        try (Installation inst = Installation.open(new InstallationOptions(data, new DatabaseOptions(),
                LmkOptions.developmentLmk()), System.out)) {
            inst.store().write(s -> {
                TransactionMapper rows = s.getMapper(TransactionMapper.class);
                rows.insert(row("000007", TransactionStatus.REVIEW, Instant.parse("2026-03-14T04:00:02Z")));
                rows.insert(row("000006", TransactionStatus.REVIEW, Instant.parse("2026-03-14T04:00:01Z")));
                rows.insert(row("000008", TransactionStatus.APPROVED, Instant.parse("2026-03-14T04:00:00Z")));
                return null;
            });
        }

        CommandRun review = CommandRun.of("", "transactions", "--data", data.toString(), "--dev-lmk", "--status", "review");
        CommandRun pending = CommandRun.of("", "transactions", "--data", data.toString(), "--dev-lmk", "--status", "PENDING");
        CommandRun unknown = CommandRun.of("", "transactions", "--data", data.toString(), "--dev-lmk", "--status", "LOST");

        assertThat(review.exitCode()).as(review.err()).isZero();
        assertThat(review.out()).contains("REVIEW").doesNotContain("000008", "APPROVED");
        assertThat(review.out().indexOf("000006")).isPositive().isLessThan(review.out().indexOf("000007"));
        assertThat(pending.out()).contains("no transactions in status PENDING");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("LOST", "REVIEW");
    }

    private static CapturedTransaction row(String trace, TransactionStatus status, Instant reservedAt) {
        return new CapturedTransaction(null, "10000093", "898100012340001", "000001", trace, "000000" + trace, null, "0200",
                "000000", TransactionKind.PURCHASE, 1_234L, "156", "622202", "1234",
                "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", "022", null, status, null, null,
                reservedAt);
    }
}
