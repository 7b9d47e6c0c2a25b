package tms.store;

import java.util.List;
import org.apache.ibatis.annotations.Param;

/** The console's reads of terminals: the searched, keyset-paged list and one terminal's page (TerminalSearchMapper.xml). */
public interface TerminalSearchMapper {

    /** At most {@code filter.limit()} matches in serial-number order, after {@code filter.after()}. */
    List<TerminalListing> search(TerminalFilter filter);

    /** The terminal with this serial number, or null. */
    TerminalDetail findDetail(@Param("serialNumber") String serialNumber);

    /** The terminal's latest transactions, newest first. */
    List<TransactionSummary> recentTransactions(@Param("tid") String tid, @Param("limit") int limit);
}
