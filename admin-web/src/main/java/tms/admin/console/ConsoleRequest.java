package tms.admin.console;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.Part;
import tms.admin.Actor;

/** A request as an endpoint sees it: who sent it, its path parameters, form fields, uploads and JSON body. */
public final class ConsoleRequest {

    private final HttpServletRequest http;
    private final Map<String, String> pathParameters;
    private final Authenticated authenticated;
    private final ObjectMapper json;

    ConsoleRequest(HttpServletRequest http, Map<String, String> pathParameters, Authenticated authenticated,
                   ObjectMapper json) {
        this.http = http;
        this.pathParameters = pathParameters;
        this.authenticated = authenticated;
        this.json = json;
    }

    /** The signed-in user; null only on open routes. */
    public ConsoleUser user() {
        return authenticated == null ? null : authenticated.user();
    }

    /** The user and source address, as the audit log records them. */
    public Actor actor() {
        return new Actor(user() == null ? "anonymous" : user().name(), http.getRemoteAddr());
    }

    public String pathParameter(String name) {
        String value = pathParameters.get(name);
        if (value == null) {
            throw new IllegalArgumentException("the route has no path parameter " + name);
        }
        return value;
    }

    /** A query-string or form field, or null when absent. Blank values count as absent. */
    public String field(String name) {
        String value = http.getParameter(name);
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** A field the user must fill in: its absence is answered 400 naming the field. */
    public String requiredField(String name) {
        String value = field(name);
        if (value == null) {
            throw new InputRefused("fill in " + name + ": it is required");
        }
        return value;
    }

    public String fieldOr(String name, String fallback) {
        String value = field(name);
        return value == null ? fallback : value;
    }

    /** An uploaded file (multipart form field), or null when none was sent. The caller closes the stream. */
    public InputStream upload(String name) throws IOException {
        try {
            Part part = http.getPart(name);
            return part == null || part.getSize() == 0 ? null : part.getInputStream();
        } catch (ServletException e) {
            throw new InputRefused("send " + name + " as a multipart/form-data upload (" + e.getMessage() + ")");
        }
    }

    /** The JSON body read as {@code type}; malformed JSON is answered 400. */
    public <T> T body(Class<T> type) throws IOException {
        try (InputStream in = http.getInputStream()) {
            return json.readValue(in, type);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new InputRefused("the request body is not the JSON this call takes: " + e.getOriginalMessage());
        }
    }

    /** Whether the request came through the JSON API (/api/v1). */
    public boolean api() {
        return http.getRequestURI().startsWith("/api/v1/");
    }

    /** Whether htmx sent it (then a fragment, not a whole page, is the right answer). */
    public boolean fromHtmx() {
        return "true".equals(http.getHeader("HX-Request"));
    }

    /** The underlying servlet request, for the few endpoints (login, logout) that manage the session. */
    public HttpServletRequest http() {
        return http;
    }
}
