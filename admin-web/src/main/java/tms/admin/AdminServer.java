package tms.admin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Stream;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.MultipartConfigElement;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.ee10.servlet.SessionHandler;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tms.admin.console.ConsoleSection;
import tms.admin.console.ConsoleServlet;
import tms.admin.console.OpenApiDocument;
import tms.admin.console.Route;
import tms.admin.console.StartPage;
import tms.admin.console.StaticFiles;
import tms.admin.console.account.AccountsSection;
import tms.admin.console.account.PasswordChangeFirst;
import tms.admin.console.account.SessionAuthenticator;
import tms.admin.console.account.SignInSection;
import tms.admin.console.account.TokensSection;
import tms.admin.console.audit.AuditSection;
import tms.store.Store;

/**
 * The console's HTTP server: Jetty with servlet sessions, the console servlet serving its own sections (sign-in,
 * start page, accounts, tokens, audit log, OpenAPI, health, static files) and the business sections it is given.
 */
public final class AdminServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AdminServer.class);
    /** Sessions end after this long without a request. */
    public static final int IDLE_TIMEOUT_SECONDS = 15 * 60;
    public static final String SESSION_COOKIE = "tms_session";
    /** Uploads (factory manifests, scanned forms): one file, and one request, at most. */
    public static final long MAX_UPLOAD_BYTES = 32L << 20; // a 100,000-unit manifest is about 7 MB
    public static final long MAX_REQUEST_BYTES = 36L << 20;

    private final Server server;
    private final ServerConnector connector;
    private final ConsoleServlet servlet;
    private final SessionHandler sessions;
    private final Path uploads;

    /**
     * @param sections the business sections (inventory, applications, ...): {@code ConsoleSections.all(...)};
     *     the console's own sections are added here
     */
    public AdminServer(String bindAddress, int port, Store store, ConsoleAccess access,
                       Supplier<StatusReport> status, List<? extends ConsoleSection> sections) {
        server = new Server();
        connector = new ServerConnector(server);
        connector.setHost(bindAddress);
        connector.setPort(port);
        server.addConnector(connector);

        SessionAuthenticator authenticator = new SessionAuthenticator(access.accounts(), access.tokens(),
                new SecureRandom());
        AtomicReference<ConsoleServlet> made = new AtomicReference<>();
        Supplier<List<Route>> routes = () -> made.get().routes();
        List<ConsoleSection> all = new ArrayList<>();
        all.add(new StaticFiles());
        all.add(new HealthSection(status));
        all.add(new SignInSection(access.signIn(), authenticator));
        all.add(new StartPage(routes, status));
        all.add(new AccountsSection(access.accounts()));
        all.add(new TokensSection(access.tokens()));
        all.add(new AuditSection(new AuditLog(store)));
        all.add(new OpenApiDocument(routes, () -> status.get().version()));
        all.addAll(sections);
        servlet = new ConsoleServlet(all, authenticator, TemplateEngine.createPrecompiled(ContentType.Html));
        made.set(servlet);

        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.SESSIONS);
        sessions = context.getSessionHandler();
        sessions.setSessionCookie(SESSION_COOKIE);
        sessions.setHttpOnly(true);
        // Strict: a request from another site never carries the session, the first defence against CSRF
        sessions.setSameSite(HttpCookie.SameSite.STRICT);
        // Secure whenever the request came over TLS (a TLS connector, or a proxy Jetty is told to trust)
        sessions.setSecureRequestOnly(true);
        sessions.setUsingUriParameters(false);
        sessions.setMaxInactiveInterval(IDLE_TIMEOUT_SECONDS);

        try {
            uploads = Files.createTempDirectory("tms-console-uploads");
        } catch (IOException e) {
            throw new IllegalStateException("cannot make a temporary directory for console uploads: " + e.getMessage(), e);
        }
        ServletHolder holder = new ServletHolder(servlet);
        holder.getRegistration().setMultipartConfig(new MultipartConfigElement(uploads.toString(), MAX_UPLOAD_BYTES,
                MAX_REQUEST_BYTES, 1 << 20));
        context.addFilter(new FilterHolder(new PasswordChangeFirst(authenticator)), "/*",
                EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(holder, "/");
        server.setHandler(context);
    }

    /** Starts serving; returns the port actually bound (useful with port 0). */
    public int start() throws Exception {
        server.start();
        LOG.info("console listening on http://{}:{}/", connector.getHost(), port());
        return port();
    }

    public int port() {
        return connector.getLocalPort();
    }

    /** The servlet, for its routes (the OpenAPI document and the route walk test read them). */
    public ConsoleServlet servlet() {
        return servlet;
    }

    /** The session settings, for tests. */
    public SessionHandler sessions() {
        return sessions;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("the console did not stop cleanly: " + e.getMessage(), e);
        } finally {
            try (Stream<Path> files = Files.walk(uploads)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                LOG.warn("could not remove the upload directory {}: {}", uploads, e.getMessage());
            }
        }
    }
}
