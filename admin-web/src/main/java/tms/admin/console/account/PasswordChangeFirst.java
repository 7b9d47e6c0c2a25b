package tms.admin.console.account;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Until a user has replaced the password the console gave them (first account, new account, reset), every
 * page of their session leads to the change-password page, and the API answers 403.
 */
public final class PasswordChangeFirst implements Filter {

    /** What a user who must change their password may still reach. */
    private static final Set<String> ALLOWED = Set.of("/password", "/logout", "/login", "/health");

    private final SessionAuthenticator authenticator;

    public PasswordChangeFirst(SessionAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        String path = request.getRequestURI();
        if (ALLOWED.contains(path) || path.startsWith("/static/")
                || !authenticator.resolve(request).map(SessionAuthenticator.Resolved::mustChangePassword).orElse(false)) {
            chain.doFilter(req, res);
            return;
        }
        response.setHeader("Cache-Control", "no-store");
        if (path.startsWith("/api/v1/")) {
            response.setStatus(403);
            response.setContentType("application/json; charset=utf-8");
            response.getOutputStream().write(("{\"error\":\"change your password first, at /password\"}")
                    .getBytes(StandardCharsets.UTF_8));
        } else if ("true".equals(request.getHeader("HX-Request"))) {
            response.setHeader("HX-Redirect", "/password");
        } else {
            response.setStatus(303);
            response.setHeader("Location", "/password");
        }
    }
}
