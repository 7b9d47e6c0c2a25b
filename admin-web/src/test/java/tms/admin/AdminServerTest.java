package tms.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;


/** The server itself: health, headers, sessions, and the start page behind the sign-in. */
class AdminServerTest {

    private RunningConsole console;

    @BeforeEach
    void start() throws Exception {
        console = RunningConsole.onFreshH2(List.of());
    }

    @AfterEach
    void stop() {
        console.close();
    }

    @Test
    void healthIsOpenUpWithTheDatabaseAnd503WithoutIt() throws Exception {
        HttpResponse<String> up = console.browser().get("/health");
        assertThat(up.statusCode()).isEqualTo(200);
        assertThat(up.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        assertThat(up.body()).startsWith("{\"status\":\"UP\"").contains("\"port\":8583", "\"development\":true");

        console.status.set(RunningConsole.report(false));
        HttpResponse<String> down = console.browser().get("/health");
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(down.body()).startsWith("{\"status\":\"DOWN\"").contains("\"problem\":\"connection \\\"refused\\\"\"");
    }

    @Test
    void answersCarrySecurityHeadersAndOtherMethodsAndPathsAreRefused() throws Exception {
        Browser browser = console.browser();
        for (HttpResponse<String> answer : List.of(browser.get("/login"), browser.get("/health"),
                browser.get("/nothing-here"))) {
            assertThat(answer.headers().firstValue("x-content-type-options")).hasValue("nosniff");
            assertThat(answer.headers().firstValue("x-frame-options")).hasValue("DENY");
            assertThat(answer.headers().firstValue("content-security-policy"))
                    .hasValueSatisfying(v -> assertThat(v).contains("default-src 'self'", "frame-ancestors 'none'"));
        }

        HttpResponse<String> post = browser.send(HttpRequest.newBuilder(browser.uri("/health"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("allow")).hasValue("GET, HEAD");

        assertThat(browser.get("/nothing-here").statusCode()).isEqualTo(404);
    }

    @Test
    void theStartPageNeedsASignInAndThenSaysWhatIsRunning() throws Exception {
        HttpResponse<String> anonymous = console.browser().get("/");
        assertThat(anonymous.statusCode()).isEqualTo(303);
        assertThat(anonymous.headers().firstValue("location")).hasValue("/login?next=%2F");

        Browser admin = console.firstAdmin("correct horse battery");
        HttpResponse<String> page = admin.get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("TCP port 8583", "1 terminal connection(s) open", "jdbc:h2:file:/x/tms",
                "A1B2C3", "Development LMK", "<th>Transactions captured</th><td>42</td>");
    }

    @Test
    void textFromTheStatusIsEscapedOnThePage() throws Exception {
        Browser admin = console.firstAdmin("correct horse battery");
        console.status.set(new StatusReport("<script>", Instant.EPOCH, 1, 0, "jdbc:h2:<b>", false, "<img>", "X", false, 0, 0));
        String body = admin.get("/").body();
        assertThat(body).doesNotContain("<script>", "<b>", "<img>").contains("&lt;script&gt;");
    }

    @Test
    void theSessionCookieIsHttpOnlyAndSameSiteStrictAndIdlesOutAfter15Minutes() throws Exception {
        HttpResponse<String> login = console.browser().get("/login");
        String cookie = login.headers().allValues("set-cookie").stream().filter(c -> c.startsWith("tms_session="))
                .findFirst().orElseThrow();
        assertThat(cookie).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Strict")
                .containsIgnoringCase("Path=/");
        // Secure is added for requests that came over TLS; this one came in clear
        assertThat(cookie).doesNotContainIgnoringCase("Secure;").doesNotEndWith("Secure");
        assertThat(console.server.sessions().isSecureRequestOnly()).isTrue();
        assertThat(console.server.sessions().getMaxInactiveInterval()).isEqualTo(15 * 60);
        assertThat(console.server.sessions().isUsingUriParameters()).isFalse();
    }

}
