package tms.admin;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs manifest imports in the background, one at a time (two imports at once could each pass the check for a PSAM
 * number or ICCID the other is storing, and the machine has few cores), and keeps the latest jobs in memory so the
 * console can show their progress and reports. The jobs are forgotten on restart; the imports themselves are
 * either wholly in the store or not at all.
 */
public final class ManifestImportJobs implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ManifestImportJobs.class);
    /** Finished jobs kept for their reports. */
    static final int KEPT = 50;

    private final ManifestImport manifestImport;
    private final Clock clock;
    private final ExecutorService worker;
    private final Map<String, ManifestImportJob> jobs = new LinkedHashMap<>();

    public ManifestImportJobs(ManifestImport manifestImport, Clock clock) {
        this(manifestImport, clock, Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "manifest-import");
            thread.setDaemon(true);
            return thread;
        }));
    }

    /** @param worker runs the imports; it must run one at a time (a single thread), and is shut down by close */
    public ManifestImportJobs(ManifestImport manifestImport, Clock clock, ExecutorService worker) {
        this.manifestImport = manifestImport;
        this.clock = clock;
        this.worker = worker;
    }

    /** Queues the import of {@code content} and returns its job at once. */
    public ManifestImportJob submit(String fileName, byte[] content, Actor actor) {
        ManifestImportJob job = new ManifestImportJob(UUID.randomUUID().toString(), fileName, actor, clock.instant());
        synchronized (jobs) {
            jobs.put(job.id(), job);
            forgetOldest();
        }
        worker.execute(() -> {
            try {
                manifestImport.run(job, content);
            } catch (RuntimeException | Error e) {
                String incident = UUID.randomUUID().toString().substring(0, 8);
                LOG.error("manifest import {} of {} failed, incident {}", job.id(), fileName, incident, e);
                manifestImport.fail(job, incident);
            }
        });
        return job;
    }

    public Optional<ManifestImportJob> find(String id) {
        synchronized (jobs) {
            return Optional.ofNullable(jobs.get(id));
        }
    }

    /** The jobs kept, newest first. */
    public List<ManifestImportJob> recent() {
        List<ManifestImportJob> list;
        synchronized (jobs) {
            list = new ArrayList<>(jobs.values());
        }
        java.util.Collections.reverse(list);
        return list;
    }

    private void forgetOldest() {
        Iterator<ManifestImportJob> oldest = jobs.values().iterator();
        while (jobs.size() > KEPT && oldest.hasNext()) {
            if (oldest.next().phase().finished()) {
                oldest.remove();
            }
        }
    }

    /** Stops taking jobs and waits a little for the running one; an unfinished import rolls back. */
    @Override
    public void close() throws InterruptedException {
        worker.shutdownNow();
        worker.awaitTermination(10, TimeUnit.SECONDS);
    }
}
