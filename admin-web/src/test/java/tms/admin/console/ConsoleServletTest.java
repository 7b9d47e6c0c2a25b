package tms.admin.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ConsoleServletTest {

    private static ConsoleTestServer server;

    record Echo(String name, String serial) {
    }

    @BeforeAll
    static void start() throws Exception {
        ConsoleSection section = () -> List.of(
                Route.get("/api/v1/echo/{serial}", "echo", EnumSet.of(Role.TECHNICIAN),
                        r -> Reply.json(new Echo(r.user().name(), r.pathParameter("serial")))),
                Route.post("/things", "make a thing", EnumSet.of(Role.TECHNICIAN),
                        r -> Reply.redirect("/things/" + r.requiredField("name"))),
                Route.get("/broken", "fails", EnumSet.of(Role.TECHNICIAN), r -> {
                    throw new IllegalStateException("secret detail");
                }));
        server = new ConsoleTestServer(List.of(section));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void aRouteAnswersTheRolesItAdmitsAndRefusesOthersWith403() throws Exception {
        var ok = server.get("/api/v1/echo/SN%201", "alice", Role.TECHNICIAN);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(server.servlet().json().readValue(ok.body(), Map.class))
                .containsEntry("name", "alice").containsEntry("serial", "SN 1");
        assertThat(server.get("/api/v1/echo/SN1", "bob", Role.AUDITOR).statusCode()).isEqualTo(403);
    }

    @Test
    void nobodySignedInGets401FromTheApiAndTheLoginPageFromPages() throws Exception {
        var api = server.send(HttpRequest.newBuilder(server.uri("/api/v1/echo/x")).GET().build());
        assertThat(api.statusCode()).isEqualTo(401);
        var page = server.send(HttpRequest.newBuilder(server.uri("/things")).POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(page.statusCode()).isEqualTo(303);
        assertThat(page.headers().firstValue("Location")).hasValue("/login?next=%2Fthings");
    }

    @Test
    void aChangeWithoutTheCsrfTokenIsRefused() throws Exception {
        var refused = server.send(HttpRequest.newBuilder(server.uri("/things"))
                .header("X-Test-User", "alice:TECHNICIAN").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("name=a")).build());
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("CSRF");
        var accepted = server.postForm("/things", "alice", "name=a", Role.TECHNICIAN);
        assertThat(accepted.statusCode()).isEqualTo(303);
        assertThat(accepted.headers().firstValue("Location")).hasValue("/things/a");
    }

    @Test
    void aMissingFieldIsNamedAndAFailureHidesItsDetail() throws Exception {
        var missing = server.postForm("/things", "alice", "other=1", Role.TECHNICIAN);
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("fill in name");
        var broken = server.get("/broken", "alice", Role.TECHNICIAN);
        assertThat(broken.statusCode()).isEqualTo(500);
        assertThat(broken.body()).contains("incident").doesNotContain("secret detail");
        assertThat(broken.headers().firstValue("Content-Security-Policy")).get().asString()
                .contains("frame-ancestors 'none'");
        assertThat(broken.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }

    @Test
    void unknownPathsAre404AndWrongMethods405() throws Exception {
        assertThat(server.get("/nowhere", "alice", Role.TECHNICIAN).statusCode()).isEqualTo(404);
        assertThat(server.get("/things", "alice", Role.TECHNICIAN).statusCode()).isEqualTo(405);
        assertThat(server.get("/static/htmx.min.js", "x").body()).contains("htmx");
    }
}
