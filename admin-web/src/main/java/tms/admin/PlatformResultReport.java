package tms.admin;

import java.util.List;

/**
 * What became of a platform result file, line by line. When any line has a problem nothing was stored; when none
 * has, every answer was recorded, and {@code codes} holds the activation codes issued, shown this once.
 */
public record PlatformResultReport(boolean stored, List<Line> lines, List<IssuedActivationCode> codes) {

    /** One line of the file: the application it names and what happened to it (or why it could not). */
    public record Line(int line, String applicationId, boolean ok, String outcome) {

        static Line problem(int line, String applicationId, String problem) {
            return new Line(line, applicationId, false, problem);
        }

        static Line done(int line, long applicationId, String outcome) {
            return new Line(line, String.valueOf(applicationId), true, outcome);
        }
    }

    /** Lines with problems, for a short summary. */
    public long problems() {
        return lines.stream().filter(l -> !l.ok()).count();
    }
}
