package tms.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code tms run} in a JVM of its own, started from this test's class path, for tests that kill it: what it prints is
 * collected line by line, and {@link #gatewayPort} waits for the line that says where its gateway listens.
 */
public final class ServerProcess implements AutoCloseable {

    private static final Pattern GATEWAY = Pattern.compile("terminal gateway\\s+tcp://127\\.0\\.0\\.1:(\\d+)");

    private final Process process;
    private final List<String> output = new ArrayList<>();
    private final Thread reader;

    private ServerProcess(Process process) {
        this.process = process;
        this.reader = new Thread(this::read, "tms-run-output");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * @param environment extra environment (the database options: TMS_DB_URL, ... keep a password off the command line)
     * @param runOptions  options of {@code run} after --data, --dev-lmk and --bind 127.0.0.1
     */
    public static ServerProcess start(Path data, Map<String, String> environment, String... runOptions) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                // C1 only and the serial collector: a test server is started twice per test and never runs long
                "-Duser.timezone=UTC", "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "tms.server.Main", "run", "--data", data.toString(), "--dev-lmk",
                "--bind", "127.0.0.1", "--admin-port", "0"));
        command.addAll(List.of(runOptions));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        return new ServerProcess(builder.start());
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                synchronized (output) {
                    output.add(line);
                    output.notifyAll();
                }
            }
        } catch (IOException ignored) {
            // the process is gone: what it printed so far is kept
        }
    }

    /** Waits for the gateway to listen; fails with everything printed so far when it does not within {@code limit}. */
    public int gatewayPort(Duration limit) throws InterruptedException {
        return Integer.parseInt(awaitLine(GATEWAY, limit));
    }

    /**
     * Waits for a printed line {@code pattern} finds and returns its first group; fails with everything printed so far
     * when none comes within {@code limit}.
     */
    public String awaitLine(Pattern pattern, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        synchronized (output) {
            while (true) {
                for (String line : output) {
                    Matcher m = pattern.matcher(line);
                    if (m.find()) {
                        return m.group(1);
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || !process.isAlive() && !reader.isAlive()) {
                    throw new AssertionError("tms run printed no line matching " + pattern + " (" + (process.isAlive() ? "still running"
                            : "exited " + process.exitValue()) + "); it printed:\n" + String.join("\n", output));
                }
                output.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)))));
            }
        }
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed. Returns the exit status the kernel reported. */
    int kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("tms run did not die within 30 s of SIGKILL");
        }
        return process.exitValue();
    }

    /** SIGTERM: the shutdown hook lets requests in hand finish and closes the store. Returns the exit status. */
    public int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("tms run did not stop within 60 s of SIGTERM; it printed:\n" + output());
        }
        return process.exitValue();
    }

    /** Everything printed so far. */
    public String output() {
        synchronized (output) {
            return String.join("\n", output);
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
