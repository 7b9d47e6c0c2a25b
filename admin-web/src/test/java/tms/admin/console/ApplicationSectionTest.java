package tms.admin.console;

import static org.assertj.core.api.Assertions.assertThat;
import static tms.admin.ApplicationFixture.idNumber;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import tms.admin.ApplicationFixture;
import tms.store.TerminalState;
import tms.store.testing.TestDatabase;
import tms.store.testing.TestDatabases;

/** The applications' pages and API over real HTTP: roles on every route, the whole path, what is never shown. */
class ApplicationSectionTest {

    private static final Pattern CODE = Pattern.compile("id=\"activation-code\">([0-9]{8})<");
    private static final Role SPECIALIST = Role.USER_MANAGEMENT_SPECIALIST;
    private static final Role SUPERVISOR = Role.USER_MANAGEMENT_SUPERVISOR;

    @TempDir
    static Path dir;

    private static TestDatabase db;
    private static ApplicationFixture f;
    private static ConsoleTestServer server;
    private static List<ConsoleSection> sections;
    private static final ListAppender<ILoggingEvent> LOG = new ListAppender<>();
    private static Level tmsLevel;

    @BeforeAll
    static void start() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Logger tms = (Logger) LoggerFactory.getLogger("tms");
        tmsLevel = tms.getLevel();
        tms.setLevel(Level.DEBUG);
        LOG.start();
        root.addAppender(LOG);
        db = TestDatabases.h2();
        f = new ApplicationFixture(db.open(), dir);
        sections = List.of(new ApplicationSection(f.applications, f.queue),
                new PlatformBatchSection(f.applications, f.queue));
        server = new ConsoleTestServer(sections);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        db.close();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(LOG);
        ((Logger) LoggerFactory.getLogger("tms")).setLevel(tmsLevel);
    }

    private static HttpResponse<String> submit(String path, String serial, String id, byte[] front, Role... roles)
            throws Exception {
        MultipartForm form = new MultipartForm().field("kind", "ACTIVATION").field("serialNumber", serial)
                .field("mid", "898100012340002").field("merchantName", "杭州茶馆").field("province", "33")
                .field("address", "杭州市西湖区文三路1号").field("contactPhone", "13900139000").field("idNumber", id)
                .file("idFront", "front.jpg", "image/jpeg", front)
                .file("idBack", "back.png", "image/png", ApplicationFixture.PNG);
        return server.send(form.into(server.as("alice", roles).uri(server.uri(path))).build());
    }

    private static long idFrom(HttpResponse<String> redirect) {
        String location = redirect.headers().firstValue("Location").orElseThrow();
        return Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
    }

    @Test
    void everyRouteAdmitsItsRolesAndRefusesTheOthers() throws Exception {
        int checked = 0;
        for (ConsoleSection section : sections) {
            for (Route route : section.routes()) {
                // an id no test uses: an admitted change is refused (404), never made
                String path = route.path().replace("{id}", "999999").replace("{side}", "front");
                assertThat(status(route, path, Role.TECHNICIAN)).as(route.method() + " " + path + " technician")
                        .isEqualTo(403);
                assertThat(status(route, path, Role.CALL_CENTRE)).as(route.method() + " " + path).isEqualTo(403);
                int auditor = status(route, path, Role.AUDITOR);
                if (route.method().equals("GET") && !path.equals("/applications/new")) {
                    assertThat(auditor).as("GET " + path + " auditor").isNotEqualTo(403);
                } else {
                    // every change, and the form that only leads to one
                    assertThat(auditor).as(route.method() + " " + path + " auditor").isEqualTo(403);
                }
                for (Role role : List.of(SPECIALIST, SUPERVISOR, Role.ADMIN)) {
                    int status = status(route, path, role);
                    if (route.roles().contains(role)) {
                        assertThat(status).as(route.method() + " " + path + " " + role).isNotEqualTo(403);
                    } else {
                        assertThat(status).as(route.method() + " " + path + " " + role).isEqualTo(403);
                    }
                }
                assertThat(route.roles().contains(SPECIALIST))
                        .as(path + ": specialists do all but batches and the platform's answers")
                        .isEqualTo(!path.contains("platform-answer") && !(path.contains("application-batches")
                                && route.method().equals("POST")));
                checked++;
            }
        }
        assertThat(checked).isEqualTo(35);
    }

    private static int status(Route route, String path, Role role) throws Exception {
        HttpRequest.Builder request = server.as("someone", role).uri(server.uri(path));
        if (route.method().equals("GET")) {
            request.GET();
        } else {
            request.header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(""));
        }
        return server.send(request.build()).statusCode();
    }

    @Test
    void theWholePathFromSubmissionToTheActivationCodeShownOnce() throws Exception {
        f.terminal("SNH0000001", TerminalState.IN_STOCK, null);
        String id = idNumber("33010619850601234");
        HttpResponse<String> submitted = submit("/applications", "SNH0000001", id, ApplicationFixture.JPEG, SPECIALIST);
        assertThat(submitted.statusCode()).isEqualTo(303);
        long app = idFrom(submitted);
        String path = "/applications/" + app;

        HttpResponse<String> page = server.get(path, "bob", SPECIALIST);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("330***********" + id.substring(14), "SUBMITTED", "Central region")
                .doesNotContain(id);
        HttpResponse<byte[]> front = java.net.http.HttpClient.newHttpClient().send(server.as("eve", Role.AUDITOR)
                .uri(server.uri(path + "/documents/front")).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(front.statusCode()).isEqualTo(200);
        assertThat(front.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("image/jpeg"));
        assertThat(front.body()).isEqualTo(ApplicationFixture.JPEG);
        assertThat(server.get(path + "/documents/side", "eve", Role.AUDITOR).statusCode()).isEqualTo(404);

        assertThat(server.postForm(path + "/take", "bob", "", SPECIALIST).statusCode()).isEqualTo(303);
        assertThat(server.postForm(path + "/approve", "bob", "", SPECIALIST).statusCode()).isEqualTo(303);
        assertThat(server.get("/application-batches", "carol", SUPERVISOR).body())
                .contains("name=\"application\" value=\"" + app + "\"");
        HttpResponse<String> batched = server.postForm("/application-batches", "carol", "application=" + app, SUPERVISOR);
        assertThat(batched.statusCode()).isEqualTo(303);
        long batch = idFrom(batched);
        HttpResponse<String> file = server.get("/application-batches/" + batch + "/file", "carol", SUPERVISOR);
        assertThat(file.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"tms-applications-batch-" + String.format("%06d", batch) + ".csv\"");
        assertThat(file.body()).contains(app + ",ACTIVATION,SNH0000001,898100012340002,杭州茶馆,33,浙江")
                .doesNotContain(id);

        HttpResponse<String> approved = server.postForm(path + "/platform-answer", "carol", "result=APPROVED",
                SUPERVISOR);
        assertThat(approved.statusCode()).isEqualTo(200);
        Matcher m = CODE.matcher(approved.body());
        assertThat(m.find()).as("the activation code on the page").isTrue();
        String code = m.group(1);
        assertThat(server.postForm(path + "/platform-answer", "carol", "result=APPROVED", SUPERVISOR).statusCode())
                .isEqualTo(409);
        assertThat(server.get(path, "carol", SUPERVISOR).body()).contains("PLATFORM_APPROVED").doesNotContain(code)
                .doesNotContain("activation-code");

        assertThat(server.postForm(path + "/call-back", "bob", "notes=code+handed+over", SPECIALIST).statusCode())
                .isEqualTo(303);
        assertThat(server.postForm(path + "/archive", "bob", "", SPECIALIST).statusCode()).isEqualTo(303);
        String archived = server.get(path, "eve", Role.AUDITOR).body();
        assertThat(archived).contains("ARCHIVED", "application.platform.approve", "code handed over")
                .doesNotContain(code).doesNotContain(id);

        for (String cell : f.dump()) {
            assertThat(cell).doesNotContain(id).doesNotContain(code);
        }
        assertThat(LOG.list).isNotEmpty();
        for (ILoggingEvent event : LOG.list) {
            String line = event.getFormattedMessage() + (event.getThrowableProxy() == null ? ""
                    : ThrowableProxyUtil.asString(event.getThrowableProxy()));
            assertThat(line).doesNotContain(id).doesNotContain(code);
        }
    }

    @Test
    void theApiTakesTheSameStepsAndAnswersJson() throws Exception {
        f.terminal("SNJ0000001", TerminalState.IN_STOCK, null);
        f.terminal("SNJ0000002", TerminalState.IN_STOCK, null);
        HttpResponse<String> one = submit("/api/v1/applications", "SNJ0000001", idNumber("51010219800101111"),
                ApplicationFixture.JPEG, SPECIALIST);
        assertThat(one.statusCode()).isEqualTo(201);
        @SuppressWarnings("unchecked")
        Map<String, Object> created = server.servlet().json().readValue(one.body(), Map.class);
        assertThat(created).containsEntry("state", "SUBMITTED").containsEntry("region", "Central")
                .containsEntry("overdue", false).doesNotContainKey("idHash");
        long first = ((Number) created.get("id")).longValue();
        long second = ((Number) server.servlet().json().readValue(submit("/api/v1/applications", "SNJ0000002",
                idNumber("51010219800101222"), ApplicationFixture.JPEG, SPECIALIST).body(), Map.class).get("id")).longValue();
        for (long app : List.of(first, second)) {
            HttpResponse<String> approved = server.postForm("/api/v1/applications/" + app + "/approve", "bob", "", SPECIALIST);
            assertThat(approved.body()).contains("\"state\":\"APPROVED_FIRST_REVIEW\"");
        }
        HttpResponse<String> batch = server.postForm("/api/v1/application-batches", "carol",
                "application=" + first + "," + second, SUPERVISOR);
        assertThat(batch.statusCode()).isEqualTo(201);
        long batchId = ((Number) ((Map<?, ?>) server.servlet().json().readValue(batch.body(), Map.class).get("batch"))
                .get("id")).longValue();

        String bad = "application_id,result,reason\r\n" + first + ",APPROVED,\r\n" + second + ",MAYBE,\r\n";
        HttpResponse<String> refused = result("/api/v1/application-batches/" + batchId + "/result", bad);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("\"stored\":false", "neither APPROVED nor REFUSED");
        assertThat(server.get("/api/v1/applications/" + first, "eve", Role.AUDITOR).body())
                .contains("\"state\":\"BATCHED\"");

        String good = "application_id,result,reason\r\n" + first + ",APPROVED,\r\n" + second + ",REFUSED,blurred\r\n";
        HttpResponse<String> stored = result("/api/v1/application-batches/" + batchId + "/result", good);
        assertThat(stored.statusCode()).isEqualTo(200);
        assertThat(stored.body()).contains("\"stored\":true", "\"serialNumber\":\"SNJ0000001\"")
                .containsPattern("\"code\":\"[0-9]{8}\"");
        assertThat(server.get("/api/v1/applications/" + second, "eve", Role.AUDITOR).body())
                .contains("\"state\":\"PLATFORM_REFUSED\"", "\"platformReason\":\"blurred\"");
        assertThat(server.get("/api/v1/applications?state=PLATFORM_APPROVED", "eve", Role.AUDITOR).body())
                .contains("SNJ0000001").doesNotContain("SNJ0000002");
    }

    @Test
    void aResultFileWithABadLineShowsItsReportAndStoresNothing() throws Exception {
        f.terminal("SNR0000001", TerminalState.IN_STOCK, null);
        long app = idFrom(submit("/applications", "SNR0000001", idNumber("21010219800101333"), ApplicationFixture.JPEG,
                SPECIALIST));
        server.postForm("/applications/" + app + "/approve", "bob", "", SPECIALIST);
        long batch = idFrom(server.postForm("/application-batches", "carol", "application=" + app, SUPERVISOR));
        HttpResponse<String> page = result("/application-batches/" + batch + "/result",
                "application_id,result,reason\r\n" + app + ",REFUSED,\r\n");
        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).contains("id=\"result-refused\"", "nothing was recorded",
                "a refusal needs a reason of 1 to 200 characters");
        assertThat(server.get("/applications/" + app, "eve", Role.AUDITOR).body()).contains("BATCHED");
    }

    private static HttpResponse<String> result(String path, String csv) throws Exception {
        MultipartForm form = new MultipartForm().file("file", "result.csv", "text/csv",
                csv.getBytes(StandardCharsets.UTF_8));
        return server.send(form.into(server.as("carol", SUPERVISOR).uri(server.uri(path))).build());
    }

    @Test
    void badInputIsRefusedWithAMessageNamingIt() throws Exception {
        f.terminal("SNB0000001", TerminalState.IN_STOCK, null);
        HttpResponse<String> checksum = submit("/applications", "SNB0000001",
                ApplicationFixture.wrongCheck("33010619850601999"), ApplicationFixture.JPEG, SPECIALIST);
        assertThat(checksum.statusCode()).isEqualTo(400);
        assertThat(checksum.body()).contains("check character (the 18th)", "GB 11643");
        HttpResponse<String> gif = submit("/applications", "SNB0000001", idNumber("33010619850601999"),
                "GIF89a-not-a-card".getBytes(StandardCharsets.US_ASCII), SPECIALIST);
        assertThat(gif.statusCode()).isEqualTo(400);
        assertThat(gif.body()).contains("front of the ID card is neither a JPEG nor a PNG");
        assertThat(server.get("/api/v1/applications?state=ALL", "eve", Role.AUDITOR).body()).doesNotContain("SNB0000001");
        assertThat(server.postForm("/applications/1/reject", "bob", "reason=", SPECIALIST).body())
                .contains("give the reason for the rejection");
        assertThat(server.get("/applications/424242", "eve", Role.AUDITOR).statusCode()).isEqualTo(404);
        assertThat(server.get("/applications?region=MARS", "eve", Role.AUDITOR).statusCode()).isEqualTo(400);
    }

    @Test
    void theQueueMarksOverdueApplications() throws Exception {
        f.terminal("SNO0000001", TerminalState.IN_STOCK, null);
        long app = idFrom(submit("/applications", "SNO0000001", idNumber("62010219800101444"), ApplicationFixture.JPEG,
                SPECIALIST));
        String row = "<tr id=\"application-" + app + "\"";
        assertThat(server.get("/applications?region=CENTRAL", "bob", SPECIALIST).body()).contains(row + ">");
        Instant before = f.clock.instant();
        try {
            f.clock.set(before.plus(java.time.Duration.ofDays(5)));
            String queue = server.get("/applications?region=CENTRAL", "bob", SPECIALIST).body();
            assertThat(queue).contains(row + " class=\"overdue\">");
            assertThat(server.get("/applications?region=NORTH", "bob", SPECIALIST).body()).doesNotContain(row);
        } finally {
            f.clock.set(before);
        }
        assertThat(server.get("/applications/new", "bob", SPECIALIST).body()).contains("enctype=\"multipart/form-data\"",
                "name=\"_csrf\"");
    }
}
