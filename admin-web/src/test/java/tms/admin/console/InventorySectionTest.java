package tms.admin.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tms.admin.FactoryReturns;
import tms.admin.Inspection;
import tms.admin.ManifestImport;
import tms.admin.ManifestImportJobs;
import tms.admin.TerminalDirectory;
import tms.store.AuditLogMapper;
import tms.store.Store;
import tms.store.TerminalMapper;
import tms.store.TerminalState;
import tms.store.testing.TestDatabase;
import tms.store.testing.TestDatabases;

/** The inventory pages and API over HTTP (H2): roles, imports and their progress, inspection, returns. */
class InventorySectionTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-14T02:00:00Z"), ZoneOffset.UTC);
    private static final String HEADER = "serial,psam,iccid,model";

    private static TestDatabase db;
    private static Store store;
    private static ConsoleTestServer server;
    private static ManifestImportJobs imports;
    /** Each import waits for a permit, so a test can look at a job before it runs. */
    private static final Semaphore go = new Semaphore(Integer.MAX_VALUE);

    @BeforeAll
    static void start() throws Exception {
        db = TestDatabases.h2();
        store = db.open();
        ExecutorService worker = Executors.newSingleThreadExecutor();
        imports = new ManifestImportJobs(new ManifestImport(store, CLOCK), CLOCK, new java.util.concurrent.AbstractExecutorService() {
            @Override
            public void execute(Runnable task) {
                worker.execute(() -> {
                    go.acquireUninterruptibly();
                    task.run();
                });
            }

            @Override
            public void shutdown() {
                worker.shutdown();
            }

            @Override
            public List<Runnable> shutdownNow() {
                return worker.shutdownNow();
            }

            @Override
            public boolean isShutdown() {
                return worker.isShutdown();
            }

            @Override
            public boolean isTerminated() {
                return worker.isTerminated();
            }

            @Override
            public boolean awaitTermination(long timeout, java.util.concurrent.TimeUnit unit)
                    throws InterruptedException {
                return worker.awaitTermination(timeout, unit);
            }
        });
        server = new ConsoleTestServer(List.of(new InventorySection(imports, new Inspection(store, CLOCK),
                new FactoryReturns(store, CLOCK), new TerminalDirectory(store))));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        imports.close();
        db.close();
    }

    private static HttpResponse<String> upload(String path, String fileName, String csv, Role... roles)
            throws Exception {
        return server.send(server.as("keeper", roles).uri(server.uri(path))
                .header("Content-Type", Multipart.contentType())
                .POST(Multipart.file("manifest", fileName, csv.getBytes(StandardCharsets.UTF_8))).build());
    }

    private static String lines(String... rows) {
        return HEADER + "\n" + String.join("\n", rows) + "\n";
    }

    private static String row(String serial) {
        return serial + ",PSAM" + serial.replace("-", "") + "0000,,N910";
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(HttpResponse<String> response) throws Exception {
        return server.servlet().json().readValue(response.body(), Map.class);
    }

    private static String finished(String progressPath) throws Exception {
        for (int i = 0; i < 600; i++) {
            String body = server.get(progressPath, "keeper", Role.WAREHOUSE).body();
            if (!body.contains("hx-trigger")) {
                return body;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the import at " + progressPath + " did not finish in a minute");
    }

    @Test
    void anImportFromThePageIsAJobWhoseProgressThePagePollsUntilItHasStoredEveryRow() throws Exception {
        go.drainPermits();
        try {
            var posted = upload("/inventory/imports", "lot-1.csv", lines(row("PG-1"), row("PG-2")), Role.WAREHOUSE);
            assertThat(posted.statusCode()).isEqualTo(303);
            String location = posted.headers().firstValue("Location").orElseThrow();
            assertThat(location).matches("/inventory/imports/[0-9a-f-]{36}");

            var waiting = server.get(location, "keeper", Role.WAREHOUSE);
            assertThat(waiting.statusCode()).isEqualTo(200);
            assertThat(waiting.body()).contains("lot-1.csv", "id=\"import-progress\"", "data-phase=\"QUEUED\"",
                    "hx-get=\"" + location + "/progress\"", "hx-trigger=\"every 1s\"");
        } finally {
            go.release(Integer.MAX_VALUE);
        }
        String location = "/inventory/imports/" + imports.recent().get(0).id();
        String done = finished(location + "/progress");
        assertThat(done).contains("data-phase=\"STORED\"", "id=\"rows-stored\">2<", "2 unit(s) stocked in")
                .doesNotContain("hx-get");
        assertThat(server.get("/inventory", "keeper", Role.WAREHOUSE).body()).contains("lot-1.csv", "STORED",
                "id=\"manifest-import\"");
        assertThat(store.read(s -> s.getMapper(TerminalMapper.class).findBySerialNumber("PG-2")).state())
                .isEqualTo(TerminalState.IN_STOCK);
    }

    @Test
    void aBadFileIsReportedLineByLineOnThePageAndInTheApi() throws Exception {
        var posted = upload("/api/v1/inventory/imports", "lot-2.csv", lines(row("BAD-1"), "BAD 2,PSAM00000002,,N910",
                row("BAD-1")), Role.ADMIN);
        assertThat(posted.statusCode()).isEqualTo(202);
        Map<String, Object> accepted = json(posted);
        String id = (String) accepted.get("id");
        assertThat(accepted.get("status")).isEqualTo("/api/v1/inventory/imports/" + id);

        String page = finished("/inventory/imports/" + id + "/progress");
        assertThat(page).contains("data-phase=\"REFUSED\"", "nothing was stored", "data-line=\"3\"",
                "data-line=\"4\"", "BAD-1 is also on line 2");
        Map<String, Object> status = json(server.get("/api/v1/inventory/imports/" + id, "eve", Role.AUDITOR));
        assertThat(status).containsEntry("phase", "REFUSED").containsEntry("finished", true)
                .containsEntry("rows", 3).containsEntry("rowsStored", 0).containsEntry("problemCount", 3);
        // line 4 repeats both the serial number and the PSAM number of line 2
        assertThat((List<Map<String, Object>>) status.get("problems")).extracting(p -> p.get("line"))
                .containsExactly(3, 4, 4);
        tms.store.Terminal bad = store.read(s -> s.getMapper(TerminalMapper.class).findBySerialNumber("BAD-1"));
        assertThat(bad).isNull();
        List<tms.store.AuditEntry> audit = store.read(s -> s.getMapper(AuditLogMapper.class).listBySubject("lot-2.csv", 5));
        assertThat(audit)
                .singleElement().satisfies(e -> assertThat(e.outcome()).isEqualTo("REFUSED"));
    }

    @Test
    void rolesAndMistakesGetTheirAnswers() throws Exception {
        var auditor = server.get("/inventory", "eve", Role.AUDITOR);
        assertThat(auditor.statusCode()).isEqualTo(200);
        assertThat(auditor.body()).doesNotContain("id=\"manifest-import\"");
        assertThat(upload("/inventory/imports", "x.csv", lines(row("R-1")), Role.AUDITOR).statusCode()).isEqualTo(403);
        assertThat(upload("/api/v1/inventory/imports", "x.csv", lines(row("R-1")), Role.TECHNICIAN).statusCode())
                .isEqualTo(403);
        assertThat(server.get("/inventory", "tom", Role.TECHNICIAN).statusCode()).isEqualTo(403);

        var noFile = server.send(server.as("keeper", Role.WAREHOUSE).uri(server.uri("/api/v1/inventory/imports"))
                .header("Content-Type", Multipart.contentType())
                .POST(Multipart.file("other", "x.csv", new byte[0])).build());
        assertThat(noFile.statusCode()).isEqualTo(400);
        assertThat(noFile.body()).contains("choose the manifest file");
        var unknown = server.get("/api/v1/inventory/imports/nope", "keeper", Role.WAREHOUSE);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("no manifest import nope");
        assertThat(server.get("/inventory/imports/nope/progress", "keeper", Role.WAREHOUSE).statusCode())
                .isEqualTo(404);
    }

    @Test
    void aPlainFormUploadCarriesItsCsrfTokenAsAField() throws Exception {
        HttpRequest.Builder noHeader = HttpRequest.newBuilder(server.uri("/inventory/imports"))
                .header("X-Test-User", "keeper:WAREHOUSE").header("Content-Type", Multipart.contentType());
        var withField = server.send(noHeader.copy().POST(Multipart.file("manifest", "f.csv",
                lines(row("CS-1")).getBytes(StandardCharsets.UTF_8), "_csrf", ConsoleTestServer.CSRF)).build());
        assertThat(withField.statusCode()).isEqualTo(303);
        var without = server.send(noHeader.copy().POST(Multipart.file("manifest", "f.csv",
                lines(row("CS-2")).getBytes(StandardCharsets.UTF_8))).build());
        assertThat(without.statusCode()).isEqualTo(403);
    }

    @Test
    void inspectionFromThePageAndTheApiAndTheReturnToFactoryList() throws Exception {
        String id = json(upload("/api/v1/inventory/imports", "lot-3.csv",
                lines(row("IS-1"), row("IS-2"), row("IS-3")), Role.WAREHOUSE)).get("id").toString();
        finished("/inventory/imports/" + id + "/progress");
        assertThat(server.get("/inventory/inspection", "eve", Role.AUDITOR).body()).contains("IS-1", "IS-2", "IS-3")
                .doesNotContain("id=\"inspection-form\"");

        var passed = server.postForm("/inventory/inspection", "keeper", "serial=IS-1&result=pass", Role.WAREHOUSE);
        assertThat(passed.statusCode()).isEqualTo(303);
        assertThat(passed.headers().firstValue("Location")).hasValue("/inventory/inspection?done=IS-1");
        assertThat(server.get("/inventory/inspection?done=IS-1", "keeper", Role.WAREHOUSE).body())
                .contains("Unit IS-1: inspection PASSED, now IN_STOCK", "id=\"inspection-form\"");
        var noReason = server.postForm("/inventory/inspection", "keeper", "serial=IS-2&result=fail", Role.WAREHOUSE);
        assertThat(noReason.statusCode()).isEqualTo(400);
        assertThat(noReason.body()).contains("fill in reason");
        assertThat(server.postForm("/inventory/inspection", "keeper", "serial=IS-2&result=maybe", Role.WAREHOUSE)
                .body()).contains("result must be pass or fail");
        assertThat(server.postForm("/inventory/inspection", "keeper", "serial=IS%202&result=pass", Role.WAREHOUSE)
                .statusCode()).isEqualTo(400);
        var again = server.postForm("/inventory/inspection", "keeper", "serial=IS-1&result=pass", Role.WAREHOUSE);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("already passed");
        assertThat(server.postForm("/inventory/inspection", "eve", "serial=IS-2&result=pass", Role.AUDITOR)
                .statusCode()).isEqualTo(403);

        var failed = server.send(server.as("keeper", Role.WAREHOUSE)
                .uri(server.uri("/api/v1/inventory/units/IS-2/inspection")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"result\":\"fail\",\"reason\":\"dead battery\"}")).build());
        assertThat(failed.statusCode()).isEqualTo(200);
        assertThat(json(failed)).containsEntry("state", "DEFECTIVE").containsEntry("defectReason", "dead battery");
        var badBody = server.send(server.as("keeper", Role.WAREHOUSE)
                .uri(server.uri("/api/v1/inventory/units/IS-3/inspection")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"verdict\":\"ok\"}")).build());
        assertThat(badBody.statusCode()).isEqualTo(400);
        Map<String, Object> awaiting = json(server.get("/api/v1/inventory/inspection?size=1", "eve", Role.AUDITOR));
        assertThat((List<Map<String, Object>>) awaiting.get("units")).extracting(u -> u.get("serialNumber"))
                .doesNotContain("IS-1", "IS-2");

        var returnsPage = server.get("/inventory/returns", "keeper", Role.WAREHOUSE);
        assertThat(returnsPage.body()).contains("IS-2", "dead battery", "Sent to factory");
        Map<String, Object> returns = json(server.get("/api/v1/inventory/returns", "eve", Role.AUDITOR));
        assertThat((List<Map<String, Object>>) returns.get("units")).singleElement()
                .satisfies(u -> assertThat(u).containsEntry("serialNumber", "IS-2"));
        assertThat(server.postForm("/inventory/returns/IS-2/sent", "eve", "", Role.AUDITOR).statusCode())
                .isEqualTo(403);
        var sent = server.postForm("/inventory/returns/IS-2/sent", "keeper", "", Role.WAREHOUSE);
        assertThat(sent.statusCode()).isEqualTo(303);
        assertThat(server.get("/inventory/returns", "keeper", Role.WAREHOUSE).body()).doesNotContain("dead battery");
        var notDefective = server.send(server.as("keeper", Role.ADMIN)
                .uri(server.uri("/api/v1/inventory/returns/IS-1/sent")).POST(HttpRequest.BodyPublishers.noBody())
                .build());
        assertThat(notDefective.statusCode()).isEqualTo(409);
        assertThat(notDefective.body()).contains("only a DEFECTIVE unit");
    }

    @Test
    void theApiMarksAUnitSent() throws Exception {
        String id = json(upload("/api/v1/inventory/imports", "lot-4.csv", lines(row("AP-1")), Role.WAREHOUSE))
                .get("id").toString();
        finished("/inventory/imports/" + id + "/progress");
        server.postForm("/inventory/inspection", "keeper", "serial=AP-1&result=fail&reason=no+display",
                Role.WAREHOUSE);
        var sent = server.send(server.as("keeper", Role.WAREHOUSE)
                .uri(server.uri("/api/v1/inventory/returns/AP-1/sent")).POST(HttpRequest.BodyPublishers.noBody())
                .build());
        assertThat(sent.statusCode()).isEqualTo(200);
        assertThat(json(sent)).containsEntry("state", "SENT_TO_FACTORY");
        Matcher none = Pattern.compile("AP-1").matcher(server.get("/inventory/returns", "k", Role.WAREHOUSE).body());
        assertThat(none.find()).isFalse();
    }
}
