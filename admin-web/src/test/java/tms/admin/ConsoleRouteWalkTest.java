package tms.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tms.admin.console.ConsoleSections;
import tms.admin.console.Role;
import tms.admin.console.Route;
import tms.hsm.Lmk;
import tms.hsm.SoftwareSecurityModule;
import tms.store.Store;
import tms.store.testing.TestDatabase;
import tms.store.testing.TestDatabases;

/**
 * Walks every route the console serves (its own and every section ConsoleSections.all lists, so routes added
 * later are walked too) with one real account per role, signed in through the login form with a real session,
 * and again with each account's API token on the JSON API: a role the route does not admit gets 403, a role it
 * admits never does. Without a sign-in the API answers 401 and pages lead to the login page.
 */
class ConsoleRouteWalkTest {

    /** The only routes anyone may reach without signing in. */
    private static final Set<String> OPEN = Set.of("GET /login", "POST /login", "GET /health",
            "GET /static/htmx.min.js", "GET /static/console.css");
    private static final String DUMMY = "walk-dummy";

    @TempDir
    static Path lmkDirectory;

    private static TestDatabase db;
    private static RunningConsole console;
    private static List<Route> routes;
    private static final Map<Role, Browser> SESSIONS = new EnumMap<>(Role.class);
    private static final Map<Role, String> TOKENS = new EnumMap<>(Role.class);

    @BeforeAll
    static void signEveryRoleIn() throws Exception {
        db = TestDatabases.h2();
        SoftwareSecurityModule hsm = new SoftwareSecurityModule(Lmk.loadOrCreateDevelopment(lmkDirectory.resolve("lmk.key")));
        Store store = db.open();
        console = new RunningConsole(store, (access, clock) -> ConsoleSections.all(store, hsm, clock, access.signIn()));
        routes = console.server.servlet().routes();
        Browser admin = console.firstAdmin("walk password for the first");
        Actor root = new Actor("admin", "127.0.0.1");
        for (Role role : Role.values()) {
            String name = "walk-" + role.name().toLowerCase().replace('_', '-');
            InitialPassword made = console.access.accounts().create(name, EnumSet.of(role), root);
            Browser browser = console.browser();
            browser.signInAndChoosePassword(name, made.password(), "walk password " + role.ordinal() + " long enough");
            SESSIONS.put(role, browser);
            TOKENS.put(role, console.access.tokens().create(name, "route walk", new Actor(name, "127.0.0.1")).token());
        }
        assertThat(admin.get("/").statusCode()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        console.close();
        db.close();
    }

    @Test
    void everyRouteButTheFewOpenOnesNeedsASignInAndEveryRouteHasASummary() {
        List<String> open = routes.stream().filter(Route::open).map(r -> r.method() + " " + r.path()).toList();
        assertThat(open).containsExactlyInAnyOrderElementsOf(OPEN);
        assertThat(routes).allSatisfy(r -> assertThat(r.summary()).as(r.path()).isNotBlank());
        assertThat(routes).allSatisfy(r -> assertThat(r.roles()).as(r.path()).isNotEmpty());
    }

    @Test
    void theAuditorChangesNothingBeyondItsOwnPasswordSessionAndTokens() {
        for (Route route : routes) {
            if (!"GET".equals(route.method()) && !route.open() && route.roles().contains(Role.AUDITOR)) {
                assertThat(route.roles()).as(route.method() + " " + route.path()
                        + " admits AUDITOR: only what every signed-in user may do for themselves may").isEqualTo(
                        EnumSet.allOf(Role.class));
            }
        }
    }

    @Test
    void withoutASignInTheApiAnswers401AndPagesLeadToTheLoginPage() throws Exception {
        Browser anonymous = console.browser();
        SoftAssertions soft = new SoftAssertions();
        for (Route route : routes) {
            HttpResponse<String> answer = call(anonymous, route, null);
            String what = route.method() + " " + route.path();
            if (route.open()) {
                // reached without a sign-in (POST /login may still refuse a form without its token, 403)
                soft.assertThat(answer.statusCode()).as(what).isNotEqualTo(401);
                soft.assertThat(answer.headers().firstValue("location").orElse("")).as(what).doesNotStartWith("/login?");
            } else if (route.api()) {
                soft.assertThat(answer.statusCode()).as(what).isEqualTo(401);
            } else {
                soft.assertThat(answer.statusCode()).as(what).isEqualTo(303);
                soft.assertThat(answer.headers().firstValue("location").orElse("")).as(what).startsWith("/login?next=");
            }
        }
        soft.assertAll();
    }

    @Test
    void everyRoleGets403ExactlyWhereARouteDoesNotAdmitIt() throws Exception {
        SoftAssertions soft = new SoftAssertions();
        List<Route> walked = new ArrayList<>(routes);
        // signing out ends the session the walk uses: walk it last
        walked.sort(Comparator.comparing(r -> "/logout".equals(r.path())));
        int requests = 0;
        for (Role role : Role.values()) {
            for (Route route : walked) {
                if (route.open()) {
                    continue;
                }
                expect(soft, role, route, call(SESSIONS.get(role), route, null), "session");
                requests++;
                if (route.api()) {
                    expect(soft, role, route, call(SESSIONS.get(role), route, TOKENS.get(role)), "API token");
                    requests++;
                }
            }
        }
        soft.assertAll();
        assertThat(requests).isGreaterThan(routes.size() * Role.values().length);
    }

    private static void expect(SoftAssertions soft, Role role, Route route, HttpResponse<String> answer, String how) {
        String what = role + " " + route.method() + " " + route.path() + " by " + how + " answered "
                + answer.statusCode() + " " + answer.body().lines().filter(l -> l.contains("error")).findFirst().orElse("");
        if (route.roles().contains(role)) {
            soft.assertThat(answer.statusCode()).as(what).isNotIn(401, 403);
            soft.assertThat(answer.headers().firstValue("location").orElse("")).as(what)
                    .doesNotStartWith("/login?next=").isNotEqualTo("/password");
        } else {
            soft.assertThat(answer.statusCode()).as(what).isEqualTo(403);
        }
    }

    /** The route called with dummy path parameters: by the browser's session, or with a bearer token when given. */
    private static HttpResponse<String> call(Browser browser, Route route, String token) throws Exception {
        String path = route.path().replaceAll("\\{[a-zA-Z]+}", DUMMY);
        if (token == null) {
            return "GET".equals(route.method()) ? browser.get(path) : browser.post(path);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(browser.uri(path))
                .header("Authorization", "Bearer " + token);
        if ("GET".equals(route.method())) {
            request.GET();
        } else {
            request.header("Content-Type", "application/json").method(route.method(),
                    HttpRequest.BodyPublishers.ofString("{}"));
        }
        return console.browser().send(request.build());
    }
}
