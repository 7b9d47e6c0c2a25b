package tms.admin.console;

/**
 * Who sent a request and how: a browser session carries a CSRF token that every change must echo; an API
 * token is not sent by browsers on their own, so it needs none.
 */
public record Authenticated(ConsoleUser user, String csrfToken, boolean byApiToken) {
}
