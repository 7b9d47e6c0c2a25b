package tms.admin;

import java.util.List;

import tms.store.AuditEntry;
import tms.store.AuditLogMapper;
import tms.store.AuditQuery;
import tms.store.Store;

/** Reads the audit log, a page at a time, newest first. Writing goes through AuditTrail only; nothing changes it. */
public final class AuditLog {

    public static final int MAX_PAGE_SIZE = 500;

    private final Store store;

    public AuditLog(Store store) {
        this.store = store;
    }

    /** One page of matching entries (pages count from 1) and how many match in all. */
    public record Page(List<AuditEntry> entries, int page, int pageSize, long total) {

        public int pages() {
            return (int) Math.max(1, (total + pageSize - 1) / pageSize);
        }
    }

    public Page search(AuditQuery query, int page, int pageSize) {
        int size = Math.max(1, Math.min(MAX_PAGE_SIZE, pageSize));
        int number = Math.max(1, page);
        long offset = (long) (number - 1) * size;
        if (offset > Integer.MAX_VALUE) {
            throw new TerminalActionRefused("page " + page + " is beyond the end of the audit log");
        }
        return store.read(s -> {
            AuditLogMapper log = s.getMapper(AuditLogMapper.class);
            return new Page(log.search(query, (int) offset, size), number, size, log.count(query));
        });
    }
}
