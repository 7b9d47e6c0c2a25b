package tms.admin.console;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One page or API call: method, path pattern ({@code /terminals/{serial}}), the roles it admits and what it
 * does. The summary is what the OpenAPI document and the route walk test show.
 */
public record Route(String method, String path, Set<Role> roles, String summary, boolean open, Endpoint endpoint) {

    private static final Pattern PARAMETER = Pattern.compile("\\{([a-zA-Z]+)}");

    public Route {
        if (roles.isEmpty()) {
            throw new IllegalArgumentException(method + " " + path + " must admit at least one role");
        }
        roles = Set.copyOf(EnumSet.copyOf(roles));
    }

    public static Route get(String path, String summary, Set<Role> roles, Endpoint endpoint) {
        return new Route("GET", path, roles, summary, false, endpoint);
    }

    public static Route post(String path, String summary, Set<Role> roles, Endpoint endpoint) {
        return new Route("POST", path, roles, summary, false, endpoint);
    }

    /** A route anyone may reach without signing in (the login page, scripts, health). Keep these few. */
    public static Route open(String method, String path, String summary, Endpoint endpoint) {
        return new Route(method, path, EnumSet.allOf(Role.class), summary, true, endpoint);
    }

    /** Whether this is part of the JSON API rather than a page. */
    public boolean api() {
        return path.startsWith("/api/v1/");
    }

    /** The names of the path's parameters, in order. */
    public List<String> parameterNames() {
        Matcher m = PARAMETER.matcher(path);
        return m.results().map(r -> r.group(1)).toList();
    }

    /** The path as a regular expression with one group per parameter (a parameter never spans a slash). */
    Pattern pattern() {
        String[] literal = PARAMETER.split(path, -1);
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < literal.length; i++) {
            regex.append(Pattern.quote(literal[i]));
            if (i < literal.length - 1) {
                regex.append("([^/]+)");
            }
        }
        return Pattern.compile(regex.toString());
    }
}
