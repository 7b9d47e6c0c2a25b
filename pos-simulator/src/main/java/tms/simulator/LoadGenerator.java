package tms.simulator;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Drives N simulated terminals, each on its own connection and thread, through a purchase schedule and
 * measures every answer. Open loop: request j is due at start + j / rate whatever happened before, and its
 * latency counts from that due time, so a server that stalls is charged for the requests that queued
 * behind the stall (coordinated-omission correction) instead of being rewarded with fewer samples.
 */
public final class LoadGenerator {

    private static final long RECONNECT_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final LoadPlan plan;
    private final LoadTerminals terminals;
    private final Duration progressEvery;
    private final LoadProgress progress;

    // written by every terminal thread; the Recorder hands out interval histograms without stopping them
    private final Recorder latencies = new Recorder(3);
    private final Map<String, LongAdder> responseCodes = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final LongAdder sentInWindow = new LongAdder();
    private final LongAccumulator lastAnswerNanos = new LongAccumulator(Math::max, Long.MIN_VALUE);
    private final AtomicReferenceArray<SimulatedTerminal> connected;

    private final CountDownLatch dialled;
    private final CountDownLatch go = new CountDownLatch(1);
    private volatile long startNanos;
    private long lastTickNanos; // only the thread in run() ticks

    public LoadGenerator(LoadPlan plan, LoadTerminals terminals, Duration progressEvery, LoadProgress progress) {
        this.plan = plan;
        this.terminals = terminals;
        this.progressEvery = progressEvery;
        this.progress = progress;
        this.connected = new AtomicReferenceArray<>(plan.terminals());
        this.dialled = new CountDownLatch(plan.terminals());
    }

    /**
     * Runs the plan once and reports on it. Every terminal connects (and signs in) before the schedule
     * starts, so sign-in time is never counted as purchase latency. A generator runs once.
     */
    public LoadReport run(String target, String address) throws InterruptedException {
        Thread[] threads = new Thread[plan.terminals()];
        for (int i = 0; i < threads.length; i++) {
            int index = i;
            threads[i] = new Thread(() -> drive(index), "load-terminal-" + (i + 1));
            threads[i].setDaemon(true);
            threads[i].start();
        }
        dialled.await();
        startNanos = System.nanoTime();
        go.countDown();
        long measureStart = startNanos + plan.warmup().toNanos();
        long end = measureStart + plan.duration().toNanos();

        Histogram total = new Histogram(3);
        long deadline = end + 2 * plan.timeout().toNanos() + TimeUnit.SECONDS.toNanos(5);
        for (Thread thread : threads) {
            while (thread.isAlive() && System.nanoTime() < deadline) {
                thread.join(Math.max(1, Math.min(progressEvery.toMillis(), (deadline - System.nanoTime()) / 1_000_000)));
                if (thread.isAlive()) {
                    tick(total, measureStart);
                }
            }
        }
        // a terminal still blocked past the deadline is waiting on a socket that never answers: closing it ends it
        for (int i = 0; i < threads.length; i++) {
            closeQuietly(connected.get(i));
        }
        total.add(latencies.getIntervalHistogram());
        double measuredSeconds = (Math.max(end, lastAnswerNanos.get()) - measureStart) / 1e9;
        return LoadReport.of(target, address, plan, measuredSeconds, total, counts(responseCodes), counts(errors),
                sentInWindow.sum());
    }

    private void tick(Histogram total, long measureStart) {
        long now = System.nanoTime();
        if (lastTickNanos != 0 && now - lastTickNanos < progressEvery.toNanos()) {
            return;
        }
        // only answers due after the warm-up are recorded, so the rate is over the measured part of the interval
        long from = Math.max(lastTickNanos == 0 ? startNanos : lastTickNanos, measureStart);
        lastTickNanos = now;
        Histogram interval = latencies.getIntervalHistogram();
        total.add(interval);
        long errorsSoFar = errors.values().stream().mapToLong(LongAdder::sum).sum();
        progress.interval((now - startNanos) / 1e9, now <= from ? 0 : interval.getTotalCount() / ((now - from) / 1e9),
                interval.getValueAtPercentile(99), errorsSoFar);
    }

    /** One terminal's life: dial, wait for the others, then follow the schedule until the run ends. */
    private void drive(int index) {
        SimulatedTerminal terminal = null;
        try {
            try {
                terminal = terminals.dial(index);
                connected.set(index, terminal);
            } catch (IOException e) {
                count(errors, dialError(e));
            } finally {
                dialled.countDown();
            }
            go.await();
            if (terminal != null) {
                buy(index, terminal);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            count(errors, "terminal-stopped");
            throw e;
        } finally {
            closeQuietly(connected.get(index));
        }
    }

    private void buy(int index, SimulatedTerminal first) {
        SimulatedTerminal terminal = first;
        long measureStart = startNanos + plan.warmup().toNanos();
        long end = measureStart + plan.duration().toNanos();
        double nanosPerRequest = plan.closedLoop() ? 0 : 1e9 / plan.ratePerSecond();
        for (long k = 0; terminal != null; k++) {
            long due;
            if (plan.closedLoop()) {
                due = System.nanoTime();
            } else {
                // the terminals interleave: request j = index + k·N of the whole schedule
                due = startNanos + Math.round((index + k * plan.terminals()) * nanosPerRequest);
                if (due >= end) {
                    return;
                }
                for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                }
            }
            if (System.nanoTime() >= end) {
                return; // behind schedule: what is left counts as unsent
            }
            boolean measured = due >= measureStart;
            if (measured) {
                sentInWindow.increment();
            }
            try {
                TransactionResult result = terminal.purchase(plan.amountFen(), plan.pan());
                long answered = System.nanoTime();
                if (measured) {
                    latencies.recordValue(Math.max(0, (answered - due) / 1000));
                    count(responseCodes, result.responseCode());
                    lastAnswerNanos.accumulate(answered);
                }
                if ("A0".equals(result.responseCode())) {
                    terminal = redial(index, terminal, end); // the host changed keys: sign in again, as terminals do
                }
            } catch (IOException e) {
                if (measured) {
                    count(errors, exchangeError(e));
                }
                terminal = redial(index, terminal, end);
            }
        }
    }

    /** A fresh connection (and sign-in) after a failure; null when the run ends before one succeeds. */
    private SimulatedTerminal redial(int index, SimulatedTerminal broken, long end) {
        closeQuietly(broken);
        connected.set(index, null);
        while (System.nanoTime() < end) {
            try {
                SimulatedTerminal terminal = terminals.dial(index);
                connected.set(index, terminal);
                return terminal;
            } catch (IOException e) {
                count(errors, dialError(e));
                LockSupport.parkNanos(RECONNECT_PAUSE_NANOS);
            }
        }
        return null;
    }

    private static String dialError(IOException e) {
        return e instanceof LoadTerminals.SignInRefused refused
                ? "sign-in-refused-" + refused.responseCode() : "connect-failed";
    }

    private static String exchangeError(IOException e) {
        if (e instanceof SocketTimeoutException) {
            return "timeout";
        }
        if (e instanceof EOFException || e instanceof SocketException) {
            return "disconnect";
        }
        return "unreadable-answer";
    }

    private static void count(Map<String, LongAdder> counters, String key) {
        counters.computeIfAbsent(key == null ? "none" : key, k -> new LongAdder()).increment();
    }

    private static Map<String, Long> counts(Map<String, LongAdder> counters) {
        Map<String, Long> result = new TreeMap<>();
        counters.forEach((key, adder) -> result.put(key, adder.sum()));
        return result;
    }

    private static void closeQuietly(SimulatedTerminal terminal) {
        if (terminal == null) {
            return;
        }
        try {
            terminal.close();
        } catch (IOException ignored) {
            // closing a connection the run is finished with: nothing left to lose
        }
    }
}
