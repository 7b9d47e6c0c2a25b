package tms.admin.console.account;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import tms.admin.ApiTokens;
import tms.admin.ConsoleAccounts;
import tms.admin.ConsoleAccounts.SignedInAccount;
import tms.admin.console.Authenticated;
import tms.admin.console.Authenticator;

/**
 * The console's real authenticator: a browser session (cookie, with a CSRF token of its own) or, on the JSON API
 * only, a personal token sent as {@code Authorization: Bearer tms_...}. The account is read again on every
 * request, so a role change or a disabled account takes effect at once.
 */
public final class SessionAuthenticator implements Authenticator {

    static final String ACCOUNT = "tms.account";
    static final String CSRF = "tms.csrf";
    static final String LOGIN_CSRF = "tms.login-csrf";
    private static final String RESOLVED = SessionAuthenticator.class.getName() + ".resolved";

    private final ConsoleAccounts accounts;
    private final ApiTokens tokens;
    private final SecureRandom random;

    public SessionAuthenticator(ConsoleAccounts accounts, ApiTokens tokens, SecureRandom random) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.random = random;
    }

    /** Who sent the request, and whether they must change their password before anything else. */
    public record Resolved(Authenticated authenticated, boolean mustChangePassword) {
    }

    @Override
    public Optional<Authenticated> authenticate(HttpServletRequest request) {
        return resolve(request).map(Resolved::authenticated);
    }

    /** Looked up once per request (the password-change filter and the servlet both ask). */
    @SuppressWarnings("unchecked")
    public Optional<Resolved> resolve(HttpServletRequest request) {
        Object cached = request.getAttribute(RESOLVED);
        if (cached != null) {
            return (Optional<Resolved>) cached;
        }
        Optional<Resolved> resolved = lookUp(request);
        request.setAttribute(RESOLVED, resolved);
        return resolved;
    }

    private Optional<Resolved> lookUp(HttpServletRequest request) {
        String authorization = request.getHeader("Authorization");
        if (authorization != null && request.getRequestURI().startsWith("/api/v1/")) {
            // credentials that were sent and are wrong are not replaced by a cookie that happens to come along
            if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
                return Optional.empty();
            }
            return tokens.owner(authorization.substring(7).strip())
                    .flatMap(accounts::signedIn)
                    .map(a -> new Resolved(new Authenticated(a.user(), null, true), false));
        }
        HttpSession session = request.getSession(false);
        String name = session == null ? null : (String) session.getAttribute(ACCOUNT);
        if (name == null) {
            return Optional.empty();
        }
        Optional<SignedInAccount> account = accounts.signedIn(name);
        if (account.isEmpty()) {
            session.invalidate();
            return Optional.empty();
        }
        return Optional.of(new Resolved(new Authenticated(account.get().user(), (String) session.getAttribute(CSRF),
                false), account.get().mustChangePassword()));
    }

    /**
     * Makes the request's session the signed-in session of {@code name}: a new session id (so an id planted before
     * the sign-in is worth nothing) and a new CSRF token.
     */
    void signIn(HttpServletRequest request, String name) {
        HttpSession session = request.getSession(true);
        request.changeSessionId();
        session.removeAttribute(LOGIN_CSRF);
        session.setAttribute(ACCOUNT, name);
        session.setAttribute(CSRF, newToken());
        request.removeAttribute(RESOLVED);
    }

    /** The token the login form carries, kept in a session made before anyone signs in. */
    String loginToken(HttpServletRequest request) {
        HttpSession session = request.getSession(true);
        String token = (String) session.getAttribute(LOGIN_CSRF);
        if (token == null) {
            token = newToken();
            session.setAttribute(LOGIN_CSRF, token);
        }
        return token;
    }

    /** Whether a login form came with the token of this browser's pre-sign-in session. */
    static boolean loginTokenMatches(HttpServletRequest request, String sent) {
        HttpSession session = request.getSession(false);
        String expected = session == null ? null : (String) session.getAttribute(LOGIN_CSRF);
        return expected != null && sent != null && java.security.MessageDigest.isEqual(
                expected.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                sent.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    private String newToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
