package tms.admin;

import java.util.List;
import java.util.Optional;

import tms.store.Store;
import tms.store.TerminalFilter;
import tms.store.TerminalListing;
import tms.store.TerminalSearchMapper;
import tms.store.TerminalStateHistoryMapper;

/** The console's reads of terminals: the searched list, a page at a time, and everything one terminal's page shows. */
public final class TerminalDirectory {

    /** Transactions on a terminal's page. */
    public static final int RECENT_TRANSACTIONS = 20;
    /** History lines on a terminal's page. */
    public static final int HISTORY_LINES = 100;

    private final Store store;

    public TerminalDirectory(Store store) {
        this.store = store;
    }

    /**
     * One page of matches. One row more than the page is read to tell whether another page follows, so no page
     * ever counts the table.
     */
    public TerminalPage search(TerminalFilter filter) {
        TerminalFilter probe = new TerminalFilter(filter.serialPrefix(), filter.tid(), filter.mid(), filter.state(),
                filter.model(), filter.serviceProvider(), filter.after(), filter.limit() + 1);
        List<TerminalListing> rows = store.read(s -> s.getMapper(TerminalSearchMapper.class).search(probe));
        if (rows.size() <= filter.limit()) {
            return new TerminalPage(rows, null);
        }
        List<TerminalListing> page = List.copyOf(rows.subList(0, filter.limit()));
        return new TerminalPage(page, page.get(page.size() - 1).serialNumber());
    }

    /** The terminal's page, or empty if no terminal has this serial number. */
    public Optional<TerminalOverview> describe(String serialNumber) {
        return store.read(s -> {
            TerminalSearchMapper terminals = s.getMapper(TerminalSearchMapper.class);
            var detail = terminals.findDetail(serialNumber);
            if (detail == null) {
                return Optional.empty();
            }
            return Optional.of(new TerminalOverview(detail,
                    s.getMapper(TerminalStateHistoryMapper.class).listForTerminal(serialNumber, HISTORY_LINES),
                    detail.tid() == null ? List.of() : terminals.recentTransactions(detail.tid(), RECENT_TRANSACTIONS)));
        });
    }
}
