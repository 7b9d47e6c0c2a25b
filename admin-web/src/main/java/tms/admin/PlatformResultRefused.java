package tms.admin;

/** A platform result file with at least one bad line: nothing was stored; the report names every problem. */
public final class PlatformResultRefused extends RuntimeException {

    private final transient PlatformResultReport report;

    public PlatformResultRefused(PlatformResultReport report) {
        super(report.problems() + " line(s) of the result file cannot be recorded; nothing was stored");
        this.report = report;
    }

    public PlatformResultReport report() {
        return report;
    }
}
