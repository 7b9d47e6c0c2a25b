package tms.admin;

/** One thing wrong with a manifest: the line (1 is the header), the column, the value as read, and what to fix. */
public record ManifestProblem(int line, String column, String value, String problem) {
}
