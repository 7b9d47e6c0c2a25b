package tms.admin;

import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The HTTP side: for now the landing page and the health endpoint. */
public final class AdminServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AdminServer.class);

    private final Server server;
    private final ServerConnector connector;

    public AdminServer(String bindAddress, int port, Supplier<StatusReport> status) {
        server = new Server();
        connector = new ServerConnector(server);
        connector.setHost(bindAddress);
        connector.setPort(port);
        server.addConnector(connector);
        server.setHandler(new Routes(status));
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

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("the console did not stop cleanly: " + e.getMessage(), e);
        }
    }

    private static final class Routes extends Handler.Abstract {

        private final Supplier<StatusReport> status;

        Routes(Supplier<StatusReport> status) {
            this.status = status;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            var headers = response.getHeaders();
            headers.put("Content-Security-Policy", "default-src 'self'; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'");
            headers.put("X-Content-Type-Options", "nosniff");
            headers.put("X-Frame-Options", "DENY");
            headers.put("Referrer-Policy", "no-referrer");
            headers.put(HttpHeader.CACHE_CONTROL, "no-store");
            String method = request.getMethod();
            if (!"GET".equals(method) && !"HEAD".equals(method)) {
                headers.put(HttpHeader.ALLOW, "GET, HEAD");
                return send(response, callback, HttpStatus.METHOD_NOT_ALLOWED_405, "text/plain",
                        method + " is not allowed here; use GET\n");
            }
            String path = Request.getPathInContext(request);
            StatusReport report = status.get();
            return switch (path) {
                case "/" -> send(response, callback, 200, "text/html", LandingPage.of(report));
                case "/health" -> send(response, callback, report.databaseUp() ? 200 : 503, "application/json",
                        HealthDocument.of(report));
                default -> send(response, callback, 404, "text/plain", "no page at " + path + "\n");
            };
        }

        private static boolean send(Response response, Callback callback, int status, String type, String body) {
            response.setStatus(status);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, type + "; charset=utf-8");
            response.write(true, java.nio.ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
            return true;
        }
    }
}
