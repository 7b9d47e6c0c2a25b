package tms.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tms.admin.console.Role;

/** Signing in, sessions, CSRF and API tokens over HTTP against the real console. */
class ConsoleSignInHttpTest {

    private static final String ADMIN_PASSWORD = "correct horse battery";
    private final ObjectMapper json = new ObjectMapper();
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
    void theFirstAdministratorMustChooseAPasswordBeforeAnythingElse() throws Exception {
        InitialPassword first = console.access.accounts().createFirstAdmin(new Actor("system", "local")).orElseThrow();
        Browser browser = console.browser();

        HttpResponse<String> signedIn = browser.signIn("admin", first.password());
        assertThat(signedIn.statusCode()).isEqualTo(303);
        assertThat(signedIn.headers().firstValue("location")).hasValue("/password");
        for (String page : List.of("/", "/users", "/audit", "/tokens")) {
            HttpResponse<String> refused = browser.get(page);
            assertThat(refused.statusCode()).as(page).isEqualTo(303);
            assertThat(refused.headers().firstValue("location")).as(page).hasValue("/password");
        }
        assertThat(browser.get("/api/v1/users").statusCode()).isEqualTo(403);
        assertThat(browser.get("/password").body()).contains("id=\"must-change\"");
        HttpResponse<String> mismatch = browser.post("/password", "current", first.password(), "password",
                "correct horse battery", "repeat", "correct horse batter");
        assertThat(mismatch.statusCode()).isEqualTo(400);
        assertThat(mismatch.body()).contains("differ");

        HttpResponse<String> changed = browser.post("/password", "current", first.password(), "password",
                ADMIN_PASSWORD, "repeat", ADMIN_PASSWORD);
        assertThat(changed.statusCode()).isEqualTo(303);
        HttpResponse<String> start = browser.get(changed.headers().firstValue("location").orElseThrow());
        assertThat(start.statusCode()).isEqualTo(200);
        assertThat(start.body()).contains("Your password was changed", "href=\"/users\"", "href=\"/audit\"");
    }

    @Test
    void signingInChangesTheSessionIdAndSigningOutEndsIt() throws Exception {
        console.firstAdmin(ADMIN_PASSWORD);
        Browser browser = console.browser();
        browser.get("/login");
        String before = browser.sessionId();
        assertThat(before).isNotNull();

        HttpResponse<String> signedIn = browser.post("/login", "name", "admin", "password", ADMIN_PASSWORD, "next",
                "/audit?actor=x");
        assertThat(signedIn.statusCode()).isEqualTo(303);
        assertThat(signedIn.headers().firstValue("location")).hasValue("/audit?actor=x");
        String after = browser.sessionId();
        assertThat(after).isNotNull().isNotEqualTo(before);

        assertThat(browser.get("/").statusCode()).isEqualTo(200);
        assertThat(browser.post("/logout").statusCode()).isEqualTo(303);
        assertThat(browser.get("/").statusCode()).isEqualTo(303);
        assertThat(ConsoleSignInTest.audit(console.store)).extracting(e -> e.action() + " " + e.outcome())
                .contains("console.login OK", "console.logout OK");
    }

    @Test
    void theNextPageAfterSigningInIsAlwaysOnThisConsole() throws Exception {
        console.firstAdmin(ADMIN_PASSWORD);
        for (String next : List.of("https://evil.example/", "//evil.example/", "/\\evil.example")) {
            Browser browser = console.browser();
            browser.get("/login");
            HttpResponse<String> signedIn = browser.post("/login", "name", "admin", "password", ADMIN_PASSWORD,
                    "next", next);
            assertThat(signedIn.headers().firstValue("location")).as(next).hasValue("/");
        }
    }

    @Test
    void changesWithoutTheSessionsCsrfTokenAreRefused() throws Exception {
        Browser admin = console.firstAdmin(ADMIN_PASSWORD);

        HttpResponse<String> noToken = admin.send(HttpRequest.newBuilder(admin.uri("/users"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("name=carol&role=WAREHOUSE")).build());
        HttpResponse<String> wrongToken = admin.post("/users", "name", "carol", "role", "WAREHOUSE", "_csrf", "guess");

        assertThat(noToken.statusCode()).isEqualTo(403);
        assertThat(wrongToken.statusCode()).isEqualTo(403);
        assertThat(wrongToken.body()).contains("CSRF");
        assertThat(console.access.accounts().find("carol")).isEmpty();
        HttpResponse<String> withToken = admin.post("/users", "name", "carol", "role", "WAREHOUSE");
        assertThat(withToken.statusCode()).isEqualTo(200);
        assertThat(withToken.body()).contains("id=\"initial-password\"");
        assertThat(console.access.accounts().find("carol")).isPresent();
    }

    @Test
    void theLoginFormNeedsTheTokenOfItsPreSignInSession() throws Exception {
        console.firstAdmin(ADMIN_PASSWORD);
        Browser forged = console.browser();
        HttpResponse<String> noSession = forged.post("/login", "name", "admin", "password", ADMIN_PASSWORD);
        assertThat(noSession.statusCode()).isEqualTo(403);

        Browser other = console.browser();
        other.get("/login");
        HttpResponse<String> wrong = other.post("/login", "name", "admin", "password", ADMIN_PASSWORD, "_csrf", "x");
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(other.get("/").statusCode()).isEqualTo(303);
    }

    @Test
    void theLoginPageSaysTheSameForAWrongPasswordAnUnknownAccountAndALock() throws Exception {
        console.firstAdmin(ADMIN_PASSWORD);
        console.access.accounts().create("bob", EnumSet.of(Role.WAREHOUSE), new Actor("admin", "x"));
        Browser browser = console.browser();

        String unknown = message(browser.signIn("nobody", "whatever it is"));
        String wrong = message(browser.signIn("bob", "whatever it is"));
        for (int i = 0; i < 4; i++) {
            browser.signIn("bob", "whatever it is");
        }
        String locked = message(browser.signIn("bob", "whatever it is"));

        assertThat(unknown).isEqualTo(wrong).isEqualTo(locked)
                .contains("After 5 wrong passwords in a row an account is locked for 15 minutes");
        assertThat(console.access.accounts().find("bob").orElseThrow().locked()).isTrue();
    }

    @Test
    void apiTokensWorkAsBearerTokensOnTheApiOnlyUntilRevoked() throws Exception {
        Browser admin = console.firstAdmin(ADMIN_PASSWORD);
        admin.get("/tokens");
        HttpResponse<String> made = admin.post("/tokens", "label", "reporting script");
        assertThat(made.statusCode()).isEqualTo(200);
        String token = made.body().replaceAll("(?s).*id=\"api-token\">([^<]+)<.*", "$1");
        assertThat(token).startsWith("tms_");
        assertThat(admin.get("/tokens").body()).contains("reporting script", token.substring(0, 12))
                .doesNotContain(token);

        HttpResponse<String> users = bearer("/api/v1/users", token);
        assertThat(users.statusCode()).isEqualTo(200);
        assertThat(json.readValue(users.body(), List.class)).hasSize(1);
        // a token opens the API, not the pages
        assertThat(bearer("/users", token).statusCode()).isEqualTo(303);
        // a change with a token needs no CSRF token: browsers never send it on their own
        HttpResponse<String> created = console.browser().send(HttpRequest.newBuilder(console.browser()
                        .uri("/api/v1/users")).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"dave\",\"roles\":[\"CLEARING\"]}")).build());
        assertThat(created.statusCode()).isEqualTo(201);
        Map<?, ?> answer = json.readValue(created.body(), Map.class);
        assertThat(answer.get("initialPassword")).asString().hasSize(19);

        long id = console.access.tokens().list("admin").get(0).id();
        assertThat(admin.post("/tokens/" + id + "/revoke").statusCode()).isEqualTo(303);
        assertThat(bearer("/api/v1/users", token).statusCode()).isEqualTo(401);
        assertThat(bearer("/api/v1/users", "tms_" + "x".repeat(43)).statusCode()).isEqualTo(401);
        assertThat(ConsoleSignInTest.audit(console.store)).extracting(e -> e.action() + " " + e.actor())
                .contains("console.token.create admin", "console.account.create admin", "console.token.revoke admin");
    }

    @Test
    void theOpenApiDocumentListsEveryApiRouteWithItsRoles() throws Exception {
        Browser admin = console.firstAdmin(ADMIN_PASSWORD);
        HttpResponse<String> answer = admin.get("/api/v1/openapi.json");
        assertThat(answer.statusCode()).isEqualTo(200);
        Map<String, Object> doc = map(json.readValue(answer.body(), Map.class));
        assertThat(doc.get("openapi")).isEqualTo("3.0.3");
        Map<String, Object> paths = map(doc.get("paths"));
        int operations = 0;
        for (var route : console.server.servlet().routes()) {
            if (!route.api()) {
                assertThat(paths).doesNotContainKey(route.path());
                continue;
            }
            Map<String, Object> op = map(map(paths.get(route.path())).get(route.method().toLowerCase()));
            assertThat(op).as(route.method() + " " + route.path()).isNotNull();
            assertThat(op.get("summary")).isEqualTo(route.summary());
            assertThat(list(op.get("x-roles"))).containsExactlyInAnyOrderElementsOf(
                    route.roles().stream().map(Enum::name).toList());
            List<Object> parameters = op.get("parameters") == null ? List.of() : list(op.get("parameters"));
            assertThat(parameters.stream().map(p -> map(p).get("name")).toList())
                    .containsExactlyElementsOf(route.parameterNames());
            operations++;
        }
        assertThat(operations).isGreaterThan(10);
        assertThat(map(map(doc.get("components")).get("securitySchemes")).get("bearer"))
                .isEqualTo(Map.of("type", "http", "scheme", "bearer", "description", "a personal API token (tms_...)"));
        Map<String, Object> users = map(map(paths.get("/api/v1/users/{name}/roles")).get("post"));
        assertThat(list(users.get("x-roles"))).containsExactly("ADMIN");
    }

    private HttpResponse<String> bearer(String path, String token) throws Exception {
        Browser client = console.browser();
        return client.send(HttpRequest.newBuilder(client.uri(path)).header("Authorization", "Bearer " + token)
                .GET().build());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o) {
        return (List<Object>) o;
    }

    private static String message(HttpResponse<String> page) {
        assertThat(page.statusCode()).isEqualTo(400);
        return page.body().replaceAll("(?s).*id=\"login-error\">([^<]+)<.*", "$1");
    }
}
