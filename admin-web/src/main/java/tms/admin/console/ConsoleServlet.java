package tms.admin.console;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tms.admin.TerminalActionRefused;

/**
 * Every console request comes through here: find the route, authenticate, check the role (403 otherwise),
 * check the CSRF token on changes, run the endpoint, write its reply with the security headers. Pages and
 * the JSON API obey the same rules because they are the same routes.
 */
public final class ConsoleServlet extends HttpServlet {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleServlet.class);
    /** Browsers send this on htmx and form posts; API clients with a token need not. */
    public static final String CSRF_FIELD = "_csrf";
    public static final String CSRF_HEADER = "X-CSRF-Token";

    private final List<Compiled> routes = new ArrayList<>();
    private final Authenticator authenticator;
    private final TemplateEngine templates;
    private final ObjectMapper json;

    public ConsoleServlet(List<? extends ConsoleSection> sections, Authenticator authenticator,
                          TemplateEngine templates) {
        this.authenticator = authenticator;
        this.templates = templates;
        this.json = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        for (ConsoleSection section : sections) {
            for (Route route : section.routes()) {
                for (Compiled existing : routes) {
                    if (existing.route.method().equals(route.method()) && existing.route.path().equals(route.path())) {
                        throw new IllegalStateException("two routes for " + route.method() + " " + route.path());
                    }
                }
                routes.add(new Compiled(route, route.pattern()));
            }
        }
    }

    /** Every route served, for the OpenAPI document and the route walk test. */
    public List<Route> routes() {
        return routes.stream().map(Compiled::route).toList();
    }

    /** The JSON mapper replies are written with (records, java.time as ISO-8601 text). */
    public ObjectMapper json() {
        return json;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        securityHeaders(response);
        String path = request.getRequestURI();
        String method = "HEAD".equals(request.getMethod()) ? "GET" : request.getMethod();
        boolean api = path.startsWith("/api/v1/");
        Compiled found = null;
        Map<String, String> parameters = Map.of();
        boolean pathKnown = false;
        java.util.Set<String> allowed = new java.util.TreeSet<>();
        for (Compiled candidate : routes) {
            Matcher m = candidate.pattern.matcher(path);
            if (m.matches()) {
                pathKnown = true;
                allowed.add(candidate.route.method());
                if ("GET".equals(candidate.route.method())) {
                    allowed.add("HEAD");
                }
                if (candidate.route.method().equals(method)) {
                    found = candidate;
                    parameters = parameters(candidate.route, m);
                    break;
                }
            }
        }
        if (found == null) {
            if (pathKnown) {
                response.setHeader("Allow", String.join(", ", allowed));
            }
            write(request, response, null, pathKnown
                    ? Reply.message(405, method + " is not allowed on " + path)
                    : Reply.message(404, "no page at " + path), api);
            return;
        }
        Route route = found.route;
        Authenticated who = authenticator.authenticate(request).orElse(null);
        if (!route.open()) {
            if (who == null) {
                if (api) {
                    write(request, response, null, Reply.json(401, Map.of("error",
                            "sign in first: send Authorization: Bearer <your API token>")), true);
                } else {
                    response.setStatus(303);
                    response.setHeader("Location", "/login?next=" + java.net.URLEncoder.encode(
                            path + (request.getQueryString() == null ? "" : "?" + request.getQueryString()),
                            StandardCharsets.UTF_8));
                }
                return;
            }
            if (!who.user().holdsAny(route.roles())) {
                write(request, response, who, Reply.message(403, "your roles do not include what "
                        + route.method() + " " + route.path() + " needs"), api);
                return;
            }
        }
        if (!"GET".equals(method) && who != null && !who.byApiToken() && !csrfMatches(request, who)) {
            write(request, response, who, Reply.message(403,
                    "the form's CSRF token is missing or out of date: reload the page and try again"), api);
            return;
        }
        Reply reply;
        try {
            reply = route.endpoint().handle(new ConsoleRequest(request, parameters, who, json));
        } catch (InputRefused e) {
            reply = Reply.message(400, e.getMessage());
        } catch (TerminalActionRefused e) {
            reply = Reply.message(409, e.getMessage());
        } catch (Exception e) {
            String incident = UUID.randomUUID().toString().substring(0, 8);
            LOG.error("console {} {} failed, incident {}", method, path, incident, e);
            reply = Reply.message(500, "the server failed on this request; tell an administrator incident "
                    + incident);
        }
        write(request, response, who, reply, api);
    }

    private static boolean csrfMatches(HttpServletRequest request, Authenticated who) {
        String sent = request.getHeader(CSRF_HEADER);
        if (sent == null) {
            sent = request.getParameter(CSRF_FIELD);
        }
        return sent != null && who.csrfToken() != null && java.security.MessageDigest.isEqual(
                sent.getBytes(StandardCharsets.UTF_8), who.csrfToken().getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, String> parameters(Route route, Matcher m) {
        List<String> names = route.parameterNames();
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            values.put(names.get(i), java.net.URLDecoder.decode(m.group(i + 1), StandardCharsets.UTF_8));
        }
        return values;
    }

    private static void securityHeaders(HttpServletResponse response) {
        response.setHeader("Content-Security-Policy",
                "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; "
                        + "form-action 'self'; base-uri 'none'");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Cache-Control", "no-store");
    }

    private void write(HttpServletRequest request, HttpServletResponse response, Authenticated who, Reply reply,
                       boolean api) throws IOException {
        // Java 17: no pattern matching in switch yet, so the sealed cases are tested in turn.
        if (reply instanceof Reply.Page page) {
            Map<String, Object> parameters = new HashMap<>(page.parameters());
            parameters.put("page", context(who, page.title()));
            body(response, page.status(), "text/html", render(page.template(), parameters));
        } else if (reply instanceof Reply.Json doc) {
            body(response, doc.status(), "application/json", json.writeValueAsString(doc.body()));
        } else if (reply instanceof Reply.Redirect redirect) {
            if ("true".equals(request.getHeader("HX-Request"))) {
                response.setHeader("HX-Redirect", redirect.location());
                response.setStatus(200);
            } else {
                response.setStatus(303);
                response.setHeader("Location", redirect.location());
            }
        } else if (reply instanceof Reply.Download file) {
            response.setStatus(200);
            response.setContentType(file.contentType());
            if (file.fileName() != null) {
                response.setHeader("Content-Disposition", "attachment; filename=\"" + file.fileName() + "\"");
            }
            response.getOutputStream().write(file.content());
        } else if (reply instanceof Reply.Message message) {
            if (api) {
                body(response, message.status(), "application/json",
                        json.writeValueAsString(Map.of("error", message.text())));
            } else {
                Map<String, Object> parameters = new HashMap<>();
                parameters.put("page", context(who, "Error " + message.status()));
                parameters.put("status", message.status());
                parameters.put("message", message.text());
                body(response, message.status(), "text/html", render("error.jte", parameters));
            }
        }
    }

    private static PageContext context(Authenticated who, String title) {
        return new PageContext(who == null ? null : who.user(), who == null ? null : who.csrfToken(), title);
    }

    private String render(String template, Map<String, Object> parameters) {
        StringOutput out = new StringOutput();
        templates.render(template, parameters, out);
        return out.toString();
    }

    private static void body(HttpServletResponse response, int status, String type, String text) throws IOException {
        response.setStatus(status);
        response.setContentType(type + "; charset=utf-8");
        response.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
    }

    private record Compiled(Route route, Pattern pattern) {
    }
}
