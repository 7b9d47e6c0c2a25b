package tms.store;

import java.util.List;

import org.apache.ibatis.annotations.Param;

/**
 * The audit log: appended to, read, never changed. There is deliberately no update or delete here, and a test
 * (AuditLogMapperTest) fails if one is added, in this interface or in its XML.
 */
public interface AuditLogMapper {

    void insert(AuditEntry entry);

    /** Newest first. */
    List<AuditEntry> listRecent(@Param("limit") int limit);

    /** Newest first, for one serial number or TID. */
    List<AuditEntry> listBySubject(@Param("subject") String subject, @Param("limit") int limit);

    /** One page of the entries matching the query, newest first. */
    List<AuditEntry> search(@Param("q") AuditQuery query, @Param("offset") int offset, @Param("limit") int limit);

    long count(@Param("q") AuditQuery query);
}
