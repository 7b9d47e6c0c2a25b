package tms.admin;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One browser for tests: its own cookie jar, no redirects followed, and the CSRF token of the last page it
 * read sent with every form it posts, as a real browser would (the hidden _csrf field).
 */
public final class Browser {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final String base;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient client;
    private String csrf;

    public Browser(int port) {
        this.base = "http://127.0.0.1:" + port;
        this.client = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public URI uri(String path) {
        return URI.create(base + path);
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return remember(send(HttpRequest.newBuilder(uri(path)).GET().build()));
    }

    /** Posts a form with the remembered CSRF token (unless the form names its own _csrf). */
    public HttpResponse<String> post(String path, String... nameValues) throws IOException, InterruptedException {
        StringBuilder form = new StringBuilder();
        boolean ownToken = false;
        for (int i = 0; i < nameValues.length; i += 2) {
            ownToken |= "_csrf".equals(nameValues[i]);
            field(form, nameValues[i], nameValues[i + 1]);
        }
        if (!ownToken && csrf != null) {
            field(form, "_csrf", csrf);
        }
        return remember(send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.toString())).build()));
    }

    public HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** Opens the login page (which starts a session and hands out the form's token), then signs in. */
    public HttpResponse<String> signIn(String name, String password) throws IOException, InterruptedException {
        get("/login");
        return post("/login", "name", name, "password", password);
    }

    /** Signs in with a one-time password and replaces it; the browser is then signed in with {@code newPassword}. */
    public void signInAndChoosePassword(String name, String oneTime, String newPassword)
            throws IOException, InterruptedException {
        HttpResponse<String> signedIn = signIn(name, oneTime);
        if (signedIn.statusCode() != 303) {
            throw new AssertionError("sign-in of " + name + " answered " + signedIn.statusCode() + ": " + signedIn.body());
        }
        get("/password");
        HttpResponse<String> changed = post("/password", "current", oneTime, "password", newPassword, "repeat",
                newPassword);
        if (changed.statusCode() != 303) {
            throw new AssertionError("password change of " + name + " answered " + changed.statusCode() + ": "
                    + changed.body());
        }
        get("/");
    }

    public String csrf() {
        return csrf;
    }

    public String sessionId() {
        return cookies.getCookieStore().getCookies().stream().filter(c -> "tms_session".equals(c.getName()))
                .map(HttpCookie::getValue).findFirst().orElse(null);
    }

    private HttpResponse<String> remember(HttpResponse<String> response) {
        Matcher m = CSRF.matcher(response.body());
        if (m.find()) {
            csrf = m.group(1);
        }
        return response;
    }

    private static void field(StringBuilder form, String name, String value) {
        if (form.length() > 0) {
            form.append('&');
        }
        form.append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
    }
}
