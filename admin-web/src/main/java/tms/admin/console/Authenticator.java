package tms.admin.console;

import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

/** Finds the user behind a request (session cookie or API token); empty when nobody is signed in. */
public interface Authenticator {

    Optional<Authenticated> authenticate(HttpServletRequest request);
}
