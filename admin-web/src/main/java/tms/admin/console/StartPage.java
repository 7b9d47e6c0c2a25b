package tms.admin.console;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import tms.admin.StatusReport;

/**
 * The page after sign-in: what is running, and what the user's roles let them do, made from the routes the
 * console serves (so a section added later shows up here by itself).
 */
public final class StartPage implements ConsoleSection {

    private final Supplier<List<Route>> routes;
    private final Supplier<StatusReport> status;

    public StartPage(Supplier<List<Route>> routes, Supplier<StatusReport> status) {
        this.routes = routes;
        this.status = status;
    }

    /** One thing a user may do: a page to open (a link) or an action taken from a page. */
    public record Ability(String method, String path, String summary, boolean link) {
    }

    @Override
    public List<Route> routes() {
        return List.of(Route.get("/", "the start page: what your roles let you do", EnumSet.allOf(Role.class),
                r -> {
                    Map<String, Object> parameters = new HashMap<>();
                    parameters.put("abilities", abilities(r.user()));
                    parameters.put("status", status.get());
                    parameters.put("notice", "password".equals(r.field("changed")) ? "Your password was changed." : null);
                    return Reply.page("start.jte", "Start", parameters);
                }));
    }

    /** The page routes the user's roles admit: pages without parameters first (as links), then actions. */
    public List<Ability> abilities(ConsoleUser user) {
        List<Ability> links = new java.util.ArrayList<>();
        List<Ability> actions = new java.util.ArrayList<>();
        for (Route route : routes.get()) {
            if (route.open() || route.api() || "/".equals(route.path()) || !user.holdsAny(route.roles())) {
                continue;
            }
            boolean link = "GET".equals(route.method()) && route.parameterNames().isEmpty();
            (link ? links : actions).add(new Ability(route.method(), route.path(), route.summary(), link));
        }
        links.addAll(actions);
        return links;
    }
}
