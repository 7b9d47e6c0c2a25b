package tms.admin;

import java.util.List;

/**
 * What a manifest import came to. {@code stored} is all the rows or none: when {@code problemCount} is above zero
 * nothing was stored, and {@code problems} lists the first {@link ManifestImport#PROBLEMS_LISTED} of them.
 */
public record ManifestReport(String fileName, int rows, int stored, int problemCount, List<ManifestProblem> problems,
                             String summary) {

    public boolean accepted() {
        return problemCount == 0 && stored == rows;
    }
}
