package tms.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tms.admin.console.ConsoleSection;
import tms.admin.console.Reply;
import tms.admin.console.Role;
import tms.admin.console.Route;
import tms.store.AuditEntry;
import tms.store.AuditLogMapper;

/** The audit log page and API over HTTP, who reads what, and the upload limits. */
class ConsoleAuditHttpTest {

    private final ObjectMapper json = new ObjectMapper();
    private RunningConsole console;

    @BeforeEach
    void start() throws Exception {
        ConsoleSection uploads = () -> List.of(Route.post("/test-upload", "count an upload's bytes",
                EnumSet.of(Role.ADMIN), r -> {
                    try (InputStream in = r.upload("file")) {
                        return Reply.json(Map.of("bytes", in == null ? -1 : in.readAllBytes().length));
                    }
                }));
        console = RunningConsole.onFreshH2(List.of(uploads));
    }

    @AfterEach
    void stop() {
        console.close();
    }

    private void append(Instant at, String actor, String action, String subject) {
        console.store.write(s -> {
            s.getMapper(AuditLogMapper.class).insert(new AuditEntry(null, at, actor, action, subject, "10.0.0.1",
                    "OK", null, "state=<b>old</b>", "state=new"));
            return null;
        });
    }

    @Test
    void searchesByActorActionSubjectAndDatesNewestFirstAndEscapesWhatItShows() throws Exception {
        Browser admin = console.firstAdmin("correct horse battery");
        append(Instant.parse("2026-03-10T10:00:00Z"), "tech1", "terminal.revoke", "SN-1");
        append(Instant.parse("2026-03-11T10:00:00Z"), "tech2", "terminal.rekey", "SN-2");
        append(Instant.parse("2026-03-12T10:00:00Z"), "tech1", "terminal.rekey", "SN-3");

        String rekeys = admin.get("/api/v1/audit?action=terminal.rekey").body();
        assertThat(json.readValue(rekeys, Map.class).get("total")).isEqualTo(2);
        assertThat(values(rekeys, "subject")).containsExactly("SN-3", "SN-2");
        assertThat(values(admin.get("/api/v1/audit?actor=tech1&from=2026-03-10&to=2026-03-11").body(), "subject"))
                .containsExactly("SN-1");
        String paged = admin.get("/api/v1/audit?action=terminal&size=1&page=2").body();
        assertThat(values(paged, "subject")).containsExactly("SN-2");
        assertThat(json.readValue(paged, Map.class).get("total")).isEqualTo(3);

        HttpResponse<String> page = admin.get("/audit?subject=SN-1");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("terminal.revoke", "state=&lt;b&gt;old&lt;/b&gt;").doesNotContain("<b>old");
        HttpResponse<String> bad = admin.get("/api/v1/audit?from=yesterday");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("'from' must be a date like 2024-03-14");
    }

    @Test
    void auditorsReadEverythingSupervisorsOnlyTheBusinessActionsOthersNothing() throws Exception {
        console.firstAdmin("correct horse battery");
        Actor root = new Actor("admin", "127.0.0.1");
        append(Instant.parse("2026-03-10T10:00:00Z"), "tech1", "terminal.revoke", "SN-1");
        Browser auditor = signedIn("carol", Role.AUDITOR, root);
        Browser supervisor = signedIn("sam", Role.USER_MANAGEMENT_SUPERVISOR, root);
        Browser technician = signedIn("tom", Role.TECHNICIAN, root);

        List<String> seenByAuditor = values(auditor.get("/api/v1/audit?size=500").body(), "action");
        List<String> seenBySupervisor = values(supervisor.get("/api/v1/audit?size=500").body(), "action");

        assertThat(seenByAuditor).contains("terminal.revoke", "console.login", "console.account.create");
        assertThat(seenBySupervisor).containsExactly("terminal.revoke");
        assertThat(supervisor.get("/audit").body()).contains("shown to administrators and auditors only");
        assertThat(technician.get("/audit").statusCode()).isEqualTo(403);
        assertThat(auditor.get("/users").statusCode()).isEqualTo(200);
        assertThat(auditor.get("/users").body()).doesNotContain("id=\"create-account\"");
        assertThat(auditor.post("/users", "name", "eve", "role", "ADMIN").statusCode()).isEqualTo(403);
    }

    @Test
    void uploadsOverTheLimitAreRefusedAndSmallerOnesArrive() throws Exception {
        Browser admin = console.firstAdmin("correct horse battery");

        HttpResponse<String> small = upload(admin, 1000);
        HttpResponse<String> large = upload(admin, (int) AdminServer.MAX_UPLOAD_BYTES + 1);

        assertThat(small.statusCode()).isEqualTo(200);
        assertThat(small.body()).isEqualTo("{\"bytes\":1000}");
        assertThat(large.statusCode()).isEqualTo(400);
        assertThat(large.body()).contains("send file as a multipart/form-data upload");
    }

    /** One field of every entry of an audit API answer. */
    private List<String> values(String answer, String field) throws Exception {
        List<String> out = new java.util.ArrayList<>();
        for (var entry : json.readTree(answer).get("entries")) {
            out.add(entry.get(field).asText());
        }
        return out;
    }

    private static HttpResponse<String> upload(Browser browser, int size) throws Exception {
        String boundary = "walkboundary7d1";
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"m.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] body = new byte[head.length + size + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        java.util.Arrays.fill(body, head.length, head.length + size, (byte) 'x');
        System.arraycopy(tail, 0, body, head.length + size, tail.length);
        return browser.send(HttpRequest.newBuilder(browser.uri("/test-upload"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("X-CSRF-Token", browser.csrf())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    private Browser signedIn(String name, Role role, Actor by) throws Exception {
        InitialPassword made = console.access.accounts().create(name, EnumSet.of(role), by);
        Browser browser = console.browser();
        browser.signInAndChoosePassword(name, made.password(), "a password long enough");
        return browser;
    }
}
