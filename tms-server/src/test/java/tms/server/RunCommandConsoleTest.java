package tms.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `tms run --dev-lmk` on a fresh data directory prints the first administrator's one-time password on standard
 * output, once: not in the log file, and not again at the next start. The password signs in and leads to the
 * change-password page.
 */
class RunCommandConsoleTest {

    private static final Pattern CONSOLE = Pattern.compile("console\\s+http://localhost:(\\d+)/");
    private static final Pattern FIRST = Pattern.compile("first sign-in\\s+account 'admin', one-time password (\\S+)");
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @TempDir
    Path data;

    private Process server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.destroy();
            server.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void theFirstStartPrintsTheFirstAdministratorsPasswordOnceAndNeverLogsIt() throws Exception {
        String started = start();
        Matcher first = FIRST.matcher(started);
        assertThat(first.find()).as("the one-time password in:\n" + started).isTrue();
        String password = first.group(1);
        Matcher console = CONSOLE.matcher(started);
        assertThat(console.find()).isTrue();
        String base = "http://127.0.0.1:" + console.group(1);

        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        String login = browser.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher token = CSRF.matcher(login);
        assertThat(token.find()).isTrue();
        HttpResponse<String> signedIn = browser.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("name=admin&password="
                        + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf=" + token.group(1)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.statusCode()).isEqualTo(303);
        assertThat(signedIn.headers().firstValue("location")).hasValue("/password");

        server.destroy();
        assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String log = Files.readString(data.resolve("logs").resolve("tms.log"));
        assertThat(log).contains("created the first console account 'admin'").doesNotContain(password);

        String again = start();
        assertThat(again).doesNotContain("one-time password").contains("console ");
    }

    /** Starts `tms run` and returns what it printed up to its "Try it" line. */
    private String start() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // the production logging (a file under the data directory), not the tests' everything-to-the-console
        String logging = RunCommandConsoleTest.class.getResource("/logback.xml").toString();
        server = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "-Duser.timezone=UTC",
                "-Dlogback.configurationFile=" + logging, "tms.server.Main", "run", "--data", data.toString(), "--dev-lmk", "--bind", "127.0.0.1",
                "--gateway-port", "0", "--admin-port", "0").redirectErrorStream(true).start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Process process = server;
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                }
            } catch (Exception ignored) {
                // the process ended
            }
        });
        reader.setDaemon(true);
        reader.start();
        StringBuilder seen = new StringBuilder();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            String line = lines.poll(1, TimeUnit.SECONDS);
            if (line == null) {
                assertThat(server.isAlive()).as("tms run exited early:\n" + seen).isTrue();
                continue;
            }
            seen.append(line).append('\n');
            if (line.startsWith("Try it:")) {
                return seen.toString();
            }
        }
        throw new AssertionError("tms run did not finish starting:\n" + seen);
    }
}
