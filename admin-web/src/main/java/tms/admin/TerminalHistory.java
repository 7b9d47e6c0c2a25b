package tms.admin;

import java.time.Instant;

import org.apache.ibatis.session.SqlSession;

import tms.store.TerminalState;
import tms.store.TerminalStateHistoryMapper;

/**
 * Writes a terminal's state history inside the caller's transaction, beside the audit entry: the history is the
 * terminal's own life line (shown on its page), the audit log the record of who did what in the console.
 */
final class TerminalHistory {

    private TerminalHistory() {
    }

    static void record(SqlSession session, String serialNumber, TerminalState from, TerminalState to, String event,
                       String detail, Actor actor, Instant at) {
        session.getMapper(TerminalStateHistoryMapper.class).record(serialNumber, from, to, event, clip(detail),
                actor.name(), at);
    }

    static String clip(String detail) {
        return detail == null || detail.length() <= 200 ? detail : detail.substring(0, 199) + "…";
    }
}
