package tms.store;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.apache.ibatis.annotations.Param;

/** The append-only history of terminals' states (TerminalStateHistoryMapper.xml); returns rows inserted. */
public interface TerminalStateHistoryMapper {

    /** One line for the terminal with this serial number (0 rows if it is unknown). */
    int record(@Param("serialNumber") String serialNumber, @Param("from") TerminalState from,
               @Param("to") TerminalState to, @Param("event") String event, @Param("detail") String detail,
               @Param("actor") String actor, @Param("at") Instant at);

    /** The same line for each terminal of these serial numbers, in one statement. */
    int recordAll(@Param("serialNumbers") Collection<String> serialNumbers, @Param("from") TerminalState from,
                  @Param("to") TerminalState to, @Param("event") String event, @Param("detail") String detail,
                  @Param("actor") String actor, @Param("at") Instant at);

    /** The terminal's history, newest first, at most {@code limit} lines. */
    List<StateChange> listForTerminal(@Param("serialNumber") String serialNumber, @Param("limit") int limit);
}
