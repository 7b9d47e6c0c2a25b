package tms.admin.console;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The OpenAPI 3 description of the JSON API at /api/v1/openapi.json, made from the routes the console actually
 * serves, so it cannot fall behind them: paths, methods, summaries, path parameters, the bearer-token scheme and,
 * per operation, {@code x-roles}: the roles it admits.
 */
public final class OpenApiDocument implements ConsoleSection {

    public static final String PATH = "/api/v1/openapi.json";

    private final Supplier<List<Route>> routes;
    private final Supplier<String> version;

    /** {@code routes} is asked on every request: the servlet that knows them is made after its sections. */
    public OpenApiDocument(Supplier<List<Route>> routes, Supplier<String> version) {
        this.routes = routes;
        this.version = version;
    }

    @Override
    public List<Route> routes() {
        return List.of(Route.get(PATH, "this document: the JSON API described in OpenAPI 3",
                EnumSet.allOf(Role.class), r -> Reply.json(document())));
    }

    /** The document as maps and lists, in the order the routes were registered. */
    public Map<String, Object> document() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("openapi", "3.0.3");
        doc.put("info", Map.of("title", "TMS console API", "version", version.get(),
                "description", "Every call needs an API token (make one at /tokens) sent as 'Authorization: Bearer"
                        + " tms_...'. x-roles lists the roles a call admits; others get 403."));
        doc.put("servers", List.of(Map.of("url", "/")));
        Map<String, Object> paths = new LinkedHashMap<>();
        for (Route route : routes.get()) {
            if (!route.api()) {
                continue;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> item = (Map<String, Object>) paths.computeIfAbsent(route.path(),
                    p -> new LinkedHashMap<String, Object>());
            item.put(route.method().toLowerCase(), operation(route));
        }
        doc.put("paths", paths);
        doc.put("components", Map.of("securitySchemes", Map.of("bearer",
                Map.of("type", "http", "scheme", "bearer", "description", "a personal API token (tms_...)"))));
        doc.put("security", List.of(Map.of("bearer", List.of())));
        return doc;
    }

    private static Map<String, Object> operation(Route route) {
        Map<String, Object> op = new LinkedHashMap<>();
        op.put("summary", route.summary());
        op.put("operationId", route.method().toLowerCase() + route.path().replaceAll("[^A-Za-z0-9]+", "_"));
        List<Map<String, Object>> parameters = new ArrayList<>();
        for (String name : route.parameterNames()) {
            parameters.add(Map.of("name", name, "in", "path", "required", true, "schema", Map.of("type", "string")));
        }
        if (!parameters.isEmpty()) {
            op.put("parameters", parameters);
        }
        if ("POST".equals(route.method())) {
            op.put("requestBody", Map.of("required", false, "content",
                    Map.of("application/json", Map.of("schema", Map.of("type", "object")))));
        }
        if (route.open()) {
            op.put("security", List.of());
        }
        op.put("x-roles", route.roles().stream().sorted().map(Enum::name).toList());
        Map<String, Object> responses = new LinkedHashMap<>();
        responses.put("200", answer("done; the answer in JSON"));
        responses.put("400", answer("bad input: the message names the field and what to do"));
        if (!route.open()) {
            responses.put("401", answer("no valid API token"));
            responses.put("403", answer("the token's owner holds none of x-roles"));
        }
        responses.put("409", answer("refused in the current state; the message says why"));
        op.put("responses", responses);
        return op;
    }

    private static Map<String, Object> answer(String description) {
        return Map.of("description", description, "content", Map.of("application/json",
                Map.of("schema", Map.of("type", "object"))));
    }
}
