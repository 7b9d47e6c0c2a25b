package tms.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** The browser fixture itself: Debian's Chromium renders a page served on a real socket and runs its script. */
class ChromiumTest {

    @Test
    void rendersAPageAndRunsItsScript() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] page = ("<!DOCTYPE html><title>t</title><p id=out>before</p>"
                    + "<script>document.getElementById('out').textContent = 'after'</script>")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        server.start();
        try (Chromium browser = Chromium.start()) {
            browser.driver().get("http://127.0.0.1:" + server.getAddress().getPort() + "/");
            assertThat(browser.driver().findElement(By.id("out")).getText()).isEqualTo("after");
        } finally {
            server.stop(0);
        }
    }
}
