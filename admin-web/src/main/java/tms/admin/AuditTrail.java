package tms.admin;

import java.time.Instant;

import org.apache.ibatis.session.SqlSession;

import tms.store.AuditEntry;
import tms.store.AuditLogMapper;

/** Appends to the audit log inside the caller's transaction, so a change and its record commit together. */
final class AuditTrail {

    private AuditTrail() {
    }

    static void record(SqlSession session, Instant at, Actor actor, String action, String subject, String outcome,
                       String detail, String before, String after) {
        session.getMapper(AuditLogMapper.class).insert(new AuditEntry(null, at, actor.name(), action, subject,
                actor.sourceAddress(), outcome, detail, before, after));
    }
}
