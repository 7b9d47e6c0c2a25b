package tms.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AdminServerTest {

    private final AtomicReference<StatusReport> status = new AtomicReference<>(report(true));
    private final HttpClient http = HttpClient.newHttpClient();
    private AdminServer server;
    private String base;

    @BeforeEach
    void start() throws Exception {
        server = new AdminServer("127.0.0.1", 0, status::get);
        base = "http://127.0.0.1:" + server.start();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void landingPageSaysWhatIsRunningAndWarnsOfTheDevelopmentLmk() throws Exception {
        HttpResponse<String> page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
        assertThat(page.body()).contains("Terminal management server", "TCP port 8583", "1 terminal connection(s) open",
                "jdbc:h2:file:/x/tms", "A1B2C3", "Development LMK", "<th>Transactions captured</th><td>42</td>");
    }

    @Test
    void healthIsUpWithTheDatabaseAnd503WithoutIt() throws Exception {
        HttpResponse<String> up = get("/health");
        assertThat(up.statusCode()).isEqualTo(200);
        assertThat(up.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        assertThat(up.body()).startsWith("{\"status\":\"UP\"").contains("\"port\":8583", "\"development\":true");

        status.set(report(false));
        HttpResponse<String> down = get("/health");
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(down.body()).startsWith("{\"status\":\"DOWN\"").contains("\"problem\":\"connection \\\"refused\\\"\"");
    }

    @Test
    void pagesCarrySecurityHeadersAndRefuseOtherMethodsAndPaths() throws Exception {
        HttpResponse<String> page = get("/");
        assertThat(page.headers().firstValue("x-content-type-options")).hasValue("nosniff");
        assertThat(page.headers().firstValue("x-frame-options")).hasValue("DENY");
        assertThat(page.headers().firstValue("content-security-policy"))
                .hasValueSatisfying(v -> assertThat(v).contains("default-src 'self'", "frame-ancestors 'none'"));

        HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create(base + "/health"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("allow")).hasValue("GET, HEAD");

        assertThat(get("/nothing-here").statusCode()).isEqualTo(404);
    }

    @Test
    void textFromTheStatusIsEscapedOnThePage() throws Exception {
        status.set(new StatusReport("<script>", Instant.EPOCH, 1, 0, "jdbc:h2:<b>", false, "<img>", "X", false, 0, 0));
        String body = get("/").body();
        assertThat(body).doesNotContain("<script>", "<b>", "<img>").contains("&lt;script&gt;");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static StatusReport report(boolean up) {
        return new StatusReport("0.1.0", Instant.parse("2026-11-25T00:00:00Z"), 8583, 1, "jdbc:h2:file:/x/tms", up,
                up ? null : "connection \"refused\"", "A1B2C3", true, 3, 42);
    }
}
