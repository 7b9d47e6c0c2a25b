package tms.admin;

import java.util.List;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.ObjectMapper;

import tms.admin.console.ConsoleSection;
import tms.admin.console.Reply;
import tms.admin.console.Route;

/** /health for load balancers and monitoring: open, 200 with the database up, 503 without. */
final class HealthSection implements ConsoleSection {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Supplier<StatusReport> status;

    HealthSection(Supplier<StatusReport> status) {
        this.status = status;
    }

    @Override
    public List<Route> routes() {
        return List.of(Route.open("GET", "/health", "is the server up, and its database", r -> {
            StatusReport report = status.get();
            return Reply.json(report.databaseUp() ? 200 : 503, JSON.readTree(HealthDocument.of(report)));
        }));
    }
}
