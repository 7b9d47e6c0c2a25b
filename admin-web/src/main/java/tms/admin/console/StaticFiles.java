package tms.admin.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** The console's script (htmx, from its webjar) and style sheet: open routes, since the login page needs them. */
public final class StaticFiles implements ConsoleSection {

    private static final String HTMX = "/META-INF/resources/webjars/htmx.org/2.0.4/dist/htmx.min.js";

    private final byte[] htmx = read(HTMX);
    private final byte[] css = read("/tms/admin/console/console.css");

    @Override
    public List<Route> routes() {
        return List.of(
                Route.open("GET", "/static/htmx.min.js", "htmx, the page-fragment library",
                        r -> Reply.inline("text/javascript", htmx)),
                Route.open("GET", "/static/console.css", "the console's style sheet",
                        r -> Reply.inline("text/css", css)));
    }

    private static byte[] read(String resource) {
        try (InputStream in = StaticFiles.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the console's resource " + resource + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
