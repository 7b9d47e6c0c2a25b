package tms.admin.console;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import jakarta.servlet.MultipartConfigElement;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * A real Jetty on port 0 serving some console sections, for testing a section's pages and API over HTTP
 * without the login flow: the test names the user and roles in the {@code X-Test-User} header
 * ({@code "alice:TECHNICIAN,AUDITOR"}) and sends the fixed CSRF token {@link #CSRF}. The real
 * authentication is tested on its own; this fixture exists only in test code.
 */
public final class ConsoleTestServer implements AutoCloseable {

    public static final String CSRF = "test-csrf-token";

    private final Server server = new Server();
    private final ServerConnector connector = new ServerConnector(server);
    private final ConsoleServlet servlet;
    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    public ConsoleTestServer(List<? extends ConsoleSection> sections) throws Exception {
        List<ConsoleSection> all = new ArrayList<>(sections);
        all.add(new StaticFiles());
        servlet = new ConsoleServlet(all, ConsoleTestServer::fromHeader,
                TemplateEngine.createPrecompiled(ContentType.Html));
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        ServletHolder holder = new ServletHolder(servlet);
        holder.getRegistration().setMultipartConfig(new MultipartConfigElement(
                Files.createTempDirectory("console-uploads").toString(), 64L << 20, 64L << 20, 1 << 20));
        context.addServlet(holder, "/");
        server.setHandler(context);
        server.start();
    }

    private static Optional<Authenticated> fromHeader(jakarta.servlet.http.HttpServletRequest request) {
        String header = request.getHeader("X-Test-User");
        if (header == null) {
            return Optional.empty();
        }
        String[] parts = header.split(":", 2);
        Set<Role> roles = parts.length < 2 || parts[1].isBlank() ? Set.of()
                : Arrays.stream(parts[1].split(",")).map(Role::valueOf)
                        .collect(Collectors.toCollection(() -> EnumSet.noneOf(Role.class)));
        return Optional.of(new Authenticated(new ConsoleUser(parts[0], roles), CSRF, false));
    }

    public ConsoleServlet servlet() {
        return servlet;
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + connector.getLocalPort() + path);
    }

    /** A request builder already carrying the test user header and the CSRF token. */
    public HttpRequest.Builder as(String user, Role... roles) {
        String list = Arrays.stream(roles).map(Enum::name).collect(Collectors.joining(","));
        return HttpRequest.newBuilder().header("X-Test-User", user + ":" + list)
                .header(ConsoleServlet.CSRF_HEADER, CSRF);
    }

    public HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    public HttpResponse<String> get(String path, String user, Role... roles) throws IOException, InterruptedException {
        return send(as(user, roles).uri(uri(path)).GET().build());
    }

    /** Posts an application/x-www-form-urlencoded form: {@code postForm("/x", "u", "a=1&b=2", Role.ADMIN)}. */
    public HttpResponse<String> postForm(String path, String user, String form, Role... roles)
            throws IOException, InterruptedException {
        return send(as(user, roles).uri(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
