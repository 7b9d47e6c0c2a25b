package tms.admin;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One manifest import running in the background: how far it has got (rows checked, rows stored) while it runs,
 * and its report once it has finished. Read from any thread.
 */
public final class ManifestImportJob {

    /** Where the import is. */
    public enum Phase {
        QUEUED, CHECKING, STORING, STORED, REFUSED, FAILED;

        public boolean finished() {
            return this == STORED || this == REFUSED || this == FAILED;
        }
    }

    private final String id;
    private final String fileName;
    private final Actor actor;
    private final Instant submittedAt;
    private final AtomicInteger rowsChecked = new AtomicInteger();
    private final AtomicInteger rowsStored = new AtomicInteger();
    private volatile int rows;
    private volatile Phase phase = Phase.QUEUED;
    private volatile ManifestReport report;

    ManifestImportJob(String id, String fileName, Actor actor, Instant submittedAt) {
        this.id = id;
        this.fileName = fileName;
        this.actor = actor;
        this.submittedAt = submittedAt;
    }

    public String id() {
        return id;
    }

    public String fileName() {
        return fileName;
    }

    public Actor actor() {
        return actor;
    }

    public Instant submittedAt() {
        return submittedAt;
    }

    /** Data rows in the file (0 until it has been read). */
    public int rows() {
        return rows;
    }

    public int rowsChecked() {
        return rowsChecked.get();
    }

    /** Rows written so far; they are committed together, only when the last one is written. */
    public int rowsStored() {
        return rowsStored.get();
    }

    public Phase phase() {
        return phase;
    }

    /** The report, once the import has finished; null before. */
    public ManifestReport report() {
        return report;
    }

    void rows(int count) {
        rows = count;
    }

    void checked(int count) {
        rowsChecked.addAndGet(count);
    }

    void stored(int count) {
        rowsStored.addAndGet(count);
    }

    void phase(Phase next) {
        phase = next;
    }

    void finish(Phase last, ManifestReport finalReport) {
        report = finalReport;
        if (last == Phase.STORED) {
            rowsStored.set(finalReport.stored());
        } else {
            // a refused or failed import stored nothing: the rows written before the rollback are gone
            rowsStored.set(0);
        }
        phase = last;
    }
}
