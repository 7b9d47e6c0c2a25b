package tms.store;

import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Param;

/** SQL for the {@code terminal} table (statements in TerminalMapper.xml); the updates return rows changed. */
public interface TerminalMapper {

    void insert(Terminal t);

    /** The terminal with this serial number, or null. */
    Terminal findBySerialNumber(String serialNumber);

    /** The terminal with this TID, or null. */
    Terminal findByTid(String tid);

    int updateBatch(@Param("tid") String tid, @Param("batch") String batch);

    int touchLastSeen(@Param("tid") String tid, @Param("at") Instant at);

    int updateState(@Param("tid") String tid, @Param("state") TerminalState state);

    /** At most {@code limit} terminals, oldest registered first. */
    List<Terminal> list(@Param("limit") int limit);

    /** How many terminals are registered, in any state. */
    long count();
}
