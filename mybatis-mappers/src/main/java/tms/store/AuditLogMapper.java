package tms.store;

import java.util.List;

import org.apache.ibatis.annotations.Param;

/** The audit log: appended to, read, never changed (there is deliberately no update or delete here). */
public interface AuditLogMapper {

    void insert(AuditEntry entry);

    /** Newest first. */
    List<AuditEntry> listRecent(@Param("limit") int limit);

    /** Newest first, for one serial number or TID. */
    List<AuditEntry> listBySubject(@Param("subject") String subject, @Param("limit") int limit);
}
