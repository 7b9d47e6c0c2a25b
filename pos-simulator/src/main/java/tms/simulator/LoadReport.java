package tms.simulator;

import java.util.Map;
import java.util.TreeMap;

import org.HdrHistogram.Histogram;

/**
 * The outcome of one load run against one server: answers, latency percentiles from the intended send
 * time (microseconds), every response code and every error, counted over the measured window.
 */
public record LoadReport(String target, String address, LoadPlan plan, double measuredSeconds, long answers,
                         long p50Micros, long p99Micros, long p999Micros, long maxMicros,
                         Map<String, Long> responseCodes, Map<String, Long> errors, long unsent) {

    public LoadReport {
        responseCodes = Map.copyOf(responseCodes);
        errors = Map.copyOf(errors);
    }

    static LoadReport of(String target, String address, LoadPlan plan, double measuredSeconds, Histogram latencies,
                         Map<String, Long> responseCodes, Map<String, Long> errors, long sentInWindow) {
        long unsent = plan.closedLoop() ? 0 : Math.max(0, plan.scheduledInWindow() - sentInWindow);
        return new LoadReport(target, address, plan, measuredSeconds, latencies.getTotalCount(),
                latencies.getValueAtPercentile(50), latencies.getValueAtPercentile(99),
                latencies.getValueAtPercentile(99.9), latencies.getMaxValue(), responseCodes, errors, unsent);
    }

    /** Answers per second over the measured window. */
    public double throughput() {
        return measuredSeconds <= 0 ? 0 : answers / measuredSeconds;
    }

    public long errorCount() {
        return errors.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Response codes in code order, for stable output. */
    public Map<String, Long> sortedResponseCodes() {
        return new TreeMap<>(responseCodes);
    }

    public Map<String, Long> sortedErrors() {
        return new TreeMap<>(errors);
    }
}
