package tms.simulator;

/** Told every few seconds how a long load run is going, so a person watching sees it is alive. */
@FunctionalInterface
public interface LoadProgress {

    /**
     * @param secondsIn      seconds since the schedule started (warm-up included)
     * @param answersPerSecond answers measured in the last interval, per second (0 during warm-up)
     * @param p99Micros      the 99th percentile latency of the last interval
     * @param errorsSoFar    errors since the start of the measured window
     */
    void interval(double secondsIn, double answersPerSecond, long p99Micros, long errorsSoFar);

    LoadProgress SILENT = (secondsIn, answersPerSecond, p99Micros, errorsSoFar) -> { };
}
