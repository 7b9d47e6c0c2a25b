package tms.simulator;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes load reports for people (text) and for tools (JSON). The JSON is written by hand: it is one
 * fixed, flat shape, and a JSON library would be the simulator's only use of one.
 */
public final class LoadReportFormat {

    private LoadReportFormat() {
    }

    /** A few lines per run and, with a ceiling, the gateway's throughput as a ratio of it. */
    public static String text(LoadReport gateway, LoadReport ceiling) {
        StringBuilder out = new StringBuilder(text(gateway));
        if (ceiling != null) {
            out.append(text(ceiling));
            out.append(String.format(Locale.ROOT, "%s throughput is %.2f of the ceiling's (%,.1f/s against %,.1f/s)%n",
                    gateway.target(), ratio(gateway, ceiling), gateway.throughput(), ceiling.throughput()));
        }
        return out.toString();
    }

    static String text(LoadReport r) {
        LoadPlan plan = r.plan();
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%s (%s): %d terminals, %s, %s s measured%s%n", r.target(), r.address(),
                plan.terminals(), plan.closedLoop() ? "closed loop" : plan.ratePerSecond() + " requests/s open loop",
                seconds(plan.duration().toMillis() / 1000.0),
                plan.warmup().isZero() ? "" : " after " + seconds(plan.warmup().toMillis() / 1000.0) + " s warm-up"));
        out.append(String.format(Locale.ROOT, "  answers    %,d (%,.1f/s)%n", r.answers(), r.throughput()));
        out.append(String.format(Locale.ROOT, "  latency    p50 %s ms, p99 %s ms, p99.9 %s ms, max %s ms (%s)%n",
                millis(r.p50Micros()), millis(r.p99Micros()), millis(r.p999Micros()), millis(r.maxMicros()),
                plan.closedLoop() ? "from each send" : "from each request's intended send time"));
        out.append("  responses  ").append(counts(r.sortedResponseCodes())).append('\n');
        out.append("  errors     ").append(counts(r.sortedErrors())).append('\n');
        if (!plan.closedLoop()) {
            out.append(String.format(Locale.ROOT, "  unsent     %,d of %,d scheduled (still waiting when the run ended)%n",
                    r.unsent(), plan.scheduledInWindow()));
        }
        return out.toString();
    }

    /** {"gateway": {...}, "ceiling": {...}, "throughputRatioToCeiling": 0.52}; the last two only with a ceiling. */
    public static String json(LoadReport gateway, LoadReport ceiling) {
        StringBuilder out = new StringBuilder("{\n  \"gateway\": ").append(json(gateway));
        if (ceiling != null) {
            out.append(",\n  \"ceiling\": ").append(json(ceiling));
            out.append(String.format(Locale.ROOT, ",\n  \"throughputRatioToCeiling\": %.4f", ratio(gateway, ceiling)));
        }
        return out.append("\n}\n").toString();
    }

    static String json(LoadReport r) {
        LoadPlan plan = r.plan();
        return "{"
                + field("target", quote(r.target())) + ", "
                + field("address", quote(r.address())) + ", "
                + field("terminals", Integer.toString(plan.terminals())) + ", "
                + field("loop", quote(plan.closedLoop() ? "closed" : "open")) + ", "
                + field("requestedRate", Long.toString(plan.ratePerSecond())) + ", "
                + field("warmupSeconds", number(plan.warmup().toMillis() / 1000.0)) + ", "
                + field("durationSeconds", number(plan.duration().toMillis() / 1000.0)) + ", "
                + field("measuredSeconds", number(r.measuredSeconds())) + ", "
                + field("answers", Long.toString(r.answers())) + ", "
                + field("throughput", number(r.throughput())) + ", "
                + field("latencyMs", "{" + field("p50", millis(r.p50Micros())) + ", "
                        + field("p99", millis(r.p99Micros())) + ", " + field("p999", millis(r.p999Micros())) + ", "
                        + field("max", millis(r.maxMicros())) + "}") + ", "
                + field("responseCodes", object(r.sortedResponseCodes())) + ", "
                + field("errors", object(r.sortedErrors())) + ", "
                + field("unsent", Long.toString(r.unsent()))
                + "}";
    }

    private static double ratio(LoadReport gateway, LoadReport ceiling) {
        return ceiling.throughput() == 0 ? 0 : gateway.throughput() / ceiling.throughput();
    }

    private static String counts(Map<String, Long> counts) {
        return counts.isEmpty() ? "none" : counts.entrySet().stream()
                .map(e -> String.format(Locale.ROOT, "%s × %,d", e.getKey(), e.getValue()))
                .collect(Collectors.joining(", "));
    }

    private static String object(Map<String, Long> counts) {
        return counts.entrySet().stream().map(e -> field(e.getKey(), Long.toString(e.getValue())))
                .collect(Collectors.joining(", ", "{", "}"));
    }

    private static String field(String name, String value) {
        return quote(name) + ": " + value;
    }

    private static String millis(long micros) {
        return String.format(Locale.ROOT, "%.3f", micros / 1000.0);
    }

    private static String seconds(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }

    /** Targets and addresses are ours, but a code or a host name must still not break the JSON. */
    private static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
