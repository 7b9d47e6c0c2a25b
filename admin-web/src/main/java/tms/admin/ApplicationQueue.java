package tms.admin;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import tms.store.ActivationApplication;
import tms.store.ActivationApplicationMapper;
import tms.store.ApplicationBatch;
import tms.store.ApplicationDocument;
import tms.store.ApplicationState;
import tms.store.AuditEntry;
import tms.store.AuditLogMapper;
import tms.store.Store;

/** What user management reads: the regions' queues, one application with its history and images, the batches. */
public final class ApplicationQueue {

    public static final int LIMIT = 500;

    private final Store store;
    private final Clock clock;

    public ApplicationQueue(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Newest first; {@code region} null for every region, {@code states} empty for every state. */
    public List<ApplicationView> list(Region region, Set<ApplicationState> states) {
        Instant now = clock.instant();
        return store.read(s -> s.getMapper(ActivationApplicationMapper.class)
                .list(region == null ? null : region.name(), states, LIMIT)).stream()
                .map(a -> ApplicationView.of(a, now)).toList();
    }

    /** How many applications each region has on the clock (not yet answered by the platform). */
    public Map<Region, Long> waiting() {
        Map<Region, Long> counts = new EnumMap<>(Region.class);
        for (Region r : Region.values()) {
            counts.put(r, 0L);
        }
        Set<ApplicationState> onTheClock = EnumSet.noneOf(ApplicationState.class);
        for (ApplicationState state : ApplicationState.values()) {
            if (state.onTheClock()) {
                onTheClock.add(state);
            }
        }
        store.read(s -> s.getMapper(ActivationApplicationMapper.class).countByRegion(onTheClock))
                .forEach(c -> counts.put(Region.valueOf(c.region()), c.count()));
        return counts;
    }

    public Optional<ApplicationView> find(long id) {
        ActivationApplication a = store.read(s -> s.getMapper(ActivationApplicationMapper.class).find(id));
        return a == null ? Optional.empty() : Optional.of(ApplicationView.of(a, clock.instant()));
    }

    /** The application's audit records, newest first. */
    public List<AuditEntry> history(long id) {
        return store.read(s -> s.getMapper(AuditLogMapper.class).listBySubject(ActivationApplications.subject(id), 200));
    }

    /** One side ("FRONT" or "BACK") of the ID card on file. */
    public Optional<ApplicationDocument> document(long id, String side) {
        return Optional.ofNullable(store.read(s -> s.getMapper(ActivationApplicationMapper.class).findDocument(id, side)));
    }

    public List<ApplicationBatch> batches() {
        return store.read(s -> s.getMapper(ActivationApplicationMapper.class).listBatches(LIMIT));
    }

    public Optional<ApplicationBatch> batch(long id) {
        return Optional.ofNullable(store.read(s -> s.getMapper(ActivationApplicationMapper.class).findBatch(id)));
    }

    public List<ApplicationView> inBatch(long id) {
        Instant now = clock.instant();
        return store.read(s -> s.getMapper(ActivationApplicationMapper.class).listByBatch(id)).stream()
                .map(a -> ApplicationView.of(a, now)).toList();
    }

    /** The file the batch sent, as it was sent. */
    public Optional<BatchFile> batchFile(long id) {
        ActivationApplicationMapper.BatchFile file = store.read(s -> s.getMapper(ActivationApplicationMapper.class)
                .batchFile(id));
        return file == null ? Optional.empty() : Optional.of(new BatchFile(PlatformBatchFile.fileName(id), file.content()));
    }

    /** A batch's file and the name it is saved under. */
    public record BatchFile(String name, byte[] content) {
    }
}
