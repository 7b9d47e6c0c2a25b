package tms.admin.console.account;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpSession;
import tms.admin.ConsoleSignIn;
import tms.admin.console.ConsoleRequest;
import tms.admin.console.ConsoleSection;
import tms.admin.console.ConsoleServlet;
import tms.admin.console.Reply;
import tms.admin.console.Role;
import tms.admin.console.Route;

/** Signing in and out, and changing one's own password (which a new account must do first). */
public final class SignInSection implements ConsoleSection {

    /** Shown for every refused sign-in alike: it must not tell a wrong password from an unknown or locked account. */
    static final String REFUSED = "Wrong account name or password, or the account is locked or disabled. After "
            + ConsoleSignIn.MAX_FAILED_LOGINS + " wrong passwords in a row an account is locked for "
            + ConsoleSignIn.LOCK.toMinutes() + " minutes; an administrator can unlock it sooner.";

    private final ConsoleSignIn signIn;
    private final SessionAuthenticator sessions;

    public SignInSection(ConsoleSignIn signIn, SessionAuthenticator sessions) {
        this.signIn = signIn;
        this.sessions = sessions;
    }

    @Override
    public List<Route> routes() {
        EnumSet<Role> everyone = EnumSet.allOf(Role.class);
        return List.of(
                Route.open("GET", "/login", "the sign-in page", this::loginPage),
                Route.open("POST", "/login", "sign in with account name and password", this::login),
                Route.post("/logout", "sign out (ends the session)", everyone, this::logout),
                Route.get("/password", "the page to change one's own password", everyone,
                        r -> passwordPage(r, null, 200)),
                Route.post("/password", "change one's own password", everyone, this::changePassword));
    }

    private Reply loginPage(ConsoleRequest r) {
        if (sessions.authenticate(r.http()).isPresent()) {
            return Reply.redirect("/");
        }
        return login(r, null, 200);
    }

    private Reply login(ConsoleRequest r, String error, int status) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("loginToken", sessions.loginToken(r.http()));
        parameters.put("next", safeNext(r.field("next")));
        parameters.put("name", r.fieldOr("name", ""));
        parameters.put("error", error);
        return new Reply.Page(status, "account/login.jte", "Sign in", parameters);
    }

    private Reply login(ConsoleRequest r) {
        // before a session exists the servlet has no token to check: the login form carries its own, bound to
        // the pre-sign-in session, and the cookie is SameSite=Strict, so another site cannot sign a browser in
        if (!SessionAuthenticator.loginTokenMatches(r.http(), r.field(ConsoleServlet.CSRF_FIELD))) {
            return login(r, "The sign-in form had expired. Please sign in again.", 403);
        }
        String name = r.field("name");
        ConsoleSignIn.Result result = signIn.signIn(name, r.http().getParameter("password"), r.http().getRemoteAddr());
        if (!result.signedIn()) {
            return login(r, REFUSED, 400);
        }
        sessions.signIn(r.http(), name);
        return Reply.redirect(result.mustChangePassword() ? "/password" : safeNext(r.field("next")));
    }

    private Reply logout(ConsoleRequest r) {
        signIn.signedOut(r.actor());
        HttpSession session = r.http().getSession(false);
        if (session != null) {
            session.invalidate();
        }
        return Reply.redirect("/login");
    }

    private Reply passwordPage(ConsoleRequest r, String error, int status) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("mustChange", sessions.resolve(r.http())
                .map(SessionAuthenticator.Resolved::mustChangePassword).orElse(false));
        parameters.put("error", error);
        return new Reply.Page(status, "account/password.jte", "Change your password", parameters);
    }

    private Reply changePassword(ConsoleRequest r) {
        String current = r.http().getParameter("current");
        String next = r.http().getParameter("password");
        String repeated = r.http().getParameter("repeat");
        if (current == null || current.isEmpty() || next == null || next.isEmpty()) {
            return passwordPage(r, "Fill in your current password and the new one.", 400);
        }
        if (!next.equals(repeated)) {
            return passwordPage(r, "The new password and its repetition differ: type it twice the same.", 400);
        }
        try {
            signIn.changePassword(r.user().name(), current, next, r.actor());
        } catch (tms.admin.console.InputRefused e) {
            return passwordPage(r, e.getMessage(), 400);
        }
        return Reply.redirect("/?changed=password");
    }

    /** Only a path on this console: never another site (an open redirect would make phishing look like us). */
    static String safeNext(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")
                || next.startsWith("/login") || next.contains("\r") || next.contains("\n")) {
            return "/";
        }
        return next;
    }
}
