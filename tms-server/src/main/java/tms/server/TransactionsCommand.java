package tms.server;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import tms.store.CapturedTransaction;
import tms.store.TransactionMapper;
import tms.store.TransactionStatus;

/** transactions: what the gateway captured, newest first, with card numbers masked. */
@Command(name = "transactions", mixinStandardHelpOptions = true,
        description = "List captured transactions, newest first, or those in one status (card numbers masked).")
public final class TransactionsCommand implements Callable<Integer> {

    private static final java.time.format.DateTimeFormatter HOST_TIME =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(java.time.ZoneOffset.UTC);

    @Mixin
    InstallationOptions installation;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "How many (default ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--status", paramLabel = "STATUS",
            description = "Only rows in this status, oldest first, e.g. REVIEW (reserved but never decided: check them with "
                    + "the platform) or PENDING; one of ${COMPLETION-CANDIDATES}.")
    TransactionStatus status;

    @Override
    public Integer call() throws Exception {
        if (limit < 1 || limit > 10_000) {
            throw new UserError("--limit " + limit + " is out of range: give 1 to 10000");
        }
        try (Installation inst = Installation.open(installation, System.err)) {
            List<CapturedTransaction> rows = inst.store().read(s -> status == null
                    ? s.getMapper(TransactionMapper.class).listRecent(limit)
                    : s.getMapper(TransactionMapper.class).listByStatus(status, limit));
            if (rows.isEmpty() && status != null) {
                System.out.println("no transactions in status " + status);
                return 0;
            }
            print(rows, System.out);
        }
        return 0;
    }

    static void print(List<CapturedTransaction> rows, PrintStream out) {
        if (rows.isEmpty()) {
            out.println("no transactions captured yet");
            return;
        }
        String format = "%-19s %-8s %-6s %-6s %-15s %12s %-19s %-2s %-8s %-12s %-6s%n";
        out.printf(format, "host time (UTC)", "TID", "batch", "trace", "kind", "amount", "card", "rc", "status",
                "RRN", "auth");
        for (CapturedTransaction t : rows) {
            out.printf(format, HOST_TIME.format(t.hostTime()), t.tid(), t.batch(), t.trace(), t.kind(), yuan(t.amount()),
                    t.panFirst6() + "******" + t.panLast4(), t.responseCode(), t.status(), t.rrn(),
                    t.authCode() == null ? "" : t.authCode());
        }
    }

    private static String yuan(long fen) {
        return String.format("%d.%02d", fen / 100, fen % 100);
    }
}
