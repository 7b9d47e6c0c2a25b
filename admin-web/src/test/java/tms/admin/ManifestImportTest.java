package tms.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static tms.admin.Manifests.CLOCK;
import static tms.admin.Manifests.KEEPER;
import static tms.admin.Manifests.count;
import static tms.admin.Manifests.csv;
import static tms.admin.Manifests.job;
import static tms.admin.Manifests.row;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import tms.store.AuditEntry;
import tms.store.Store;
import tms.store.Terminal;
import tms.store.TerminalMapper;
import tms.store.TerminalState;
import tms.store.testing.TestDatabase;
import tms.store.testing.TestDatabases;

/** Manifest imports on H2 and MariaDB: 100,000 rows in, one bad row keeps everything out, repeats found. */
class ManifestImportTest {

    private static final String HEADER = "serial,psam,iccid,model";

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("tms.store.testing.TestDatabases#all")
    void aHundredThousandRowsGoInStockTogetherWithTheirHistoryAndOneAuditEntry(TestDatabase db) {
        Store store = db.open();
        List<String> lines = new ArrayList<>();
        lines.add(HEADER);
        for (int n = 0; n < 100_000; n++) {
            lines.add(row("MF", n));
        }
        // a card reader without a SIM, and a China Unicom ICCID with its letter check character
        lines.set(1, "MF00000000,PSMF0000000000,,N910");
        lines.set(2, "MF00000001,PSMF0000000001,8986011012231170983S,N910");
        ManifestImportJob job = job("factory-lot-7.csv");

        new ManifestImport(store, CLOCK).run(job, csv(lines));

        assertThat(job.phase()).isEqualTo(ManifestImportJob.Phase.STORED);
        assertThat(job.report().accepted()).isTrue();
        assertThat(job.rows()).isEqualTo(100_000);
        assertThat(job.rowsChecked()).isEqualTo(100_000);
        assertThat(job.rowsStored()).isEqualTo(100_000);
        assertThat(count(store, "SELECT COUNT(*) FROM terminal WHERE state = 'IN_STOCK' AND inspection IS NULL"))
                .isEqualTo(100_000L);
        assertThat(count(store, "SELECT COUNT(*) FROM terminal_state_history WHERE event = 'stock-in'"
                + " AND to_state = 'IN_STOCK' AND from_state IS NULL AND actor = 'keeper'")).isEqualTo(100_000L);
        Terminal last = store.read(s -> s.getMapper(TerminalMapper.class).findBySerialNumber("MF00099999"));
        assertThat(last.psamNumber()).isEqualTo("PSMF0000099999");
        assertThat(last.simIccid()).isEqualTo(Manifests.iccid19(99_999));
        assertThat(last.model()).isEqualTo("N910");
        assertThat(last.state()).isEqualTo(TerminalState.IN_STOCK);
        assertThat(store.read(s -> s.getMapper(TerminalMapper.class).findBySerialNumber("MF00000000")).simIccid())
                .isNull();
        List<AuditEntry> audit = Manifests.audit(store, "factory-lot-7.csv");
        assertThat(audit).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo("inventory.manifest-import");
            assertThat(e.outcome()).isEqualTo("OK");
            assertThat(e.actor()).isEqualTo("keeper");
            assertThat(e.detail()).contains("factory-lot-7.csv", "100000 rows");
        });
        assertThat(count(store, "SELECT COUNT(*) FROM audit_log")).isEqualTo(1L);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("tms.store.testing.TestDatabases#all")
    void oneBadRowKeepsTheWholeFileOutAndIsReportedWithItsLine(TestDatabase db) {
        Store store = db.open();
        List<String> lines = new ArrayList<>();
        lines.add(HEADER);
        for (int n = 0; n < 3_000; n++) {
            lines.add(row("BD", n));
        }
        // data row 2,500 is line 2,501 of the file: its ICCID has a mistyped digit
        String good = Manifests.iccid19(2_499);
        String typo = good.substring(0, 10) + (char) ('0' + (good.charAt(10) - '0' + 1) % 10) + good.substring(11);
        lines.set(2_500, "BD00002499,PSBD0000002499," + typo + ",N910");
        ManifestImportJob job = job("lot-8.csv");

        new ManifestImport(store, CLOCK).run(job, csv(lines));

        assertThat(job.phase()).isEqualTo(ManifestImportJob.Phase.REFUSED);
        ManifestReport report = job.report();
        assertThat(report.accepted()).isFalse();
        assertThat(report.stored()).isZero();
        assertThat(report.problemCount()).isEqualTo(1);
        assertThat(report.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(2_501);
            assertThat(p.column()).isEqualTo("iccid");
            assertThat(p.value()).isEqualTo(typo);
            assertThat(p.problem()).contains("check digit", "Luhn");
        });
        assertThat(report.summary()).contains("nothing was stored");
        assertThat(job.rowsStored()).isZero();
        assertThat(count(store, "SELECT COUNT(*) FROM terminal")).isZero();
        assertThat(count(store, "SELECT COUNT(*) FROM terminal_state_history")).isZero();
        assertThat(Manifests.audit(store, "lot-8.csv")).singleElement().satisfies(e -> {
            assertThat(e.outcome()).isEqualTo("REFUSED");
            assertThat(e.detail()).contains("3000 rows", "1 problem(s)", "line 2501");
        });
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("tms.store.testing.TestDatabases#all")
    void repeatsWithinTheFileAndCodesAlreadyStoredAreEachNamed(TestDatabase db) {
        Store store = db.open();
        new StockIn(store, CLOCK).register("OLD-1", "PSAMOLD00001", Manifests.iccid19(7), "N910", KEEPER);
        List<String> lines = List.of(
                HEADER,
                "OLD-1,PSAMNEW00001," + Manifests.iccid19(1) + ",N910",
                "NEW-2,PSAMOLD00001," + Manifests.iccid19(2) + ",N910",
                "NEW-3,PSAMNEW00003," + Manifests.iccid19(7) + ",N910",
                "NEW-4,PSAMNEW00004," + Manifests.iccid19(4) + ",N910",
                "",
                "new-4,PSAMNEW00006," + Manifests.iccid19(6) + ",N910",
                "NEW-7,psamnew00004," + Manifests.iccid19(4) + ",N910");
        ManifestImportJob job = job("lot-9.csv");

        new ManifestImport(store, CLOCK).run(job, csv(lines));

        assertThat(job.phase()).isEqualTo(ManifestImportJob.Phase.REFUSED);
        assertThat(job.report().problems()).extracting(ManifestProblem::line, ManifestProblem::column)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(2, "serial"),
                        org.assertj.core.groups.Tuple.tuple(3, "psam"),
                        org.assertj.core.groups.Tuple.tuple(4, "iccid"),
                        org.assertj.core.groups.Tuple.tuple(7, "serial"),
                        org.assertj.core.groups.Tuple.tuple(8, "psam"),
                        org.assertj.core.groups.Tuple.tuple(8, "iccid"));
        List<ManifestProblem> problems = job.report().problems();
        assertThat(problems.get(0).problem()).contains("OLD-1 is already registered");
        assertThat(problems.get(1).problem()).contains("PSAMOLD00001 is already registered");
        assertThat(problems.get(3).problem()).contains("new-4 is also on line 5");
        assertThat(problems.get(4).problem()).contains("is also on line 5");
        assertThat(count(store, "SELECT COUNT(*) FROM terminal")).isEqualTo(1L);
    }

    @Test
    void aFileThatIsNotAManifestIsRefusedWithWhatToDo() {
        try (TestDatabase db = TestDatabases.h2()) {
            Store store = db.open();
            ManifestImport manifests = new ManifestImport(store, CLOCK);

            assertThat(refused(manifests, "serial,psam,model\nA1,PSAM0001,N910\n".getBytes(StandardCharsets.UTF_8)))
                    .singleElement().satisfies(p -> {
                        assertThat(p.line()).isEqualTo(1);
                        assertThat(p.problem()).contains("no column iccid");
                    });
            assertThat(refused(manifests, new byte[] {'s', 'n', ',', (byte) 0xC3, (byte) 0x28}))
                    .singleElement().satisfies(p -> assertThat(p.problem()).contains("not UTF-8"));
            assertThat(refused(manifests, (HEADER + "\n\n").getBytes(StandardCharsets.UTF_8)))
                    .singleElement().satisfies(p -> assertThat(p.problem()).contains("no units"));
            assertThat(refused(manifests, (HEADER + "\nA1,PSAM0001\nA#2,PS,8912,\n").getBytes(StandardCharsets.UTF_8)))
                    .extracting(ManifestProblem::line, ManifestProblem::column).containsExactly(
                            org.assertj.core.groups.Tuple.tuple(2, ""),
                            org.assertj.core.groups.Tuple.tuple(3, "serial"),
                            org.assertj.core.groups.Tuple.tuple(3, "psam"),
                            org.assertj.core.groups.Tuple.tuple(3, "iccid"),
                            org.assertj.core.groups.Tuple.tuple(3, "model"));
            // the header may come in any order, with the other accepted names, quoted, after a BOM
            ManifestImportJob reordered = job("reordered.csv");
            manifests.run(reordered, ("\uFEFF\"model\",SN,sim,PSAM\n\"P2000\",\"Q-1\",,PSAMQ0000001\n")
                    .getBytes(StandardCharsets.UTF_8));
            assertThat(reordered.phase()).isEqualTo(ManifestImportJob.Phase.STORED);
            Terminal q1 = store.read(s -> s.getMapper(TerminalMapper.class).findBySerialNumber("Q-1"));
            assertThat(q1)
                    .extracting(Terminal::model, Terminal::psamNumber).containsExactly("P2000", "PSAMQ0000001");
        }
    }

    @Test
    void importsRunInTheBackgroundAndAreFoundByTheirId() throws Exception {
        try (TestDatabase db = TestDatabases.h2(); ManifestImportJobs jobs =
                new ManifestImportJobs(new ManifestImport(db.open(), CLOCK), CLOCK)) {
            ManifestImportJob job = jobs.submit("bg.csv", csv(List.of(HEADER, row("BG", 1), row("BG", 2))), KEEPER);

            assertThat(jobs.find(job.id())).containsSame(job);
            assertThat(jobs.find("no-such-job")).isEmpty();
            for (int i = 0; i < 600 && !job.phase().finished(); i++) {
                Thread.sleep(100);
            }
            assertThat(job.phase()).isEqualTo(ManifestImportJob.Phase.STORED);
            assertThat(job.rowsStored()).isEqualTo(2);
            assertThat(jobs.recent()).first().isSameAs(job);
        }
    }

    private static List<ManifestProblem> refused(ManifestImport manifests, byte[] content) {
        ManifestImportJob job = job("bad.csv");
        manifests.run(job, content);
        assertThat(job.phase()).isEqualTo(ManifestImportJob.Phase.REFUSED);
        return job.report().problems();
    }
}
