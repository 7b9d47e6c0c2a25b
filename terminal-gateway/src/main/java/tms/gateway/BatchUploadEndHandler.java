package tms.gateway;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tms.iso8583.Field60;
import tms.iso8583.MessageFormatException;
import tms.store.BatchDiscrepancy;
import tms.store.BatchUploadItem;
import tms.store.CapturedTransaction;
import tms.store.DiscrepancyReason;
import tms.store.SettlementMapper;
import tms.store.SignedInTerminal;
import tms.store.Store;
import tms.store.TransactionKind;
import tms.store.TransactionMapper;

/**
 * End of batch upload (0320, 60.3 = 202 after an unbalanced settlement, 207 after a balanced one). For 202 the
 * uploaded transactions are reconciled against the rows the host counted in that batch, and every difference is
 * recorded for clearing staff: uploaded but missing at the host, at the host but not uploaded, amounts that
 * differ. The discrepancies of the batch are replaced in one transaction, so a repeated end message finds the
 * same ones. A balanced batch (207) has nothing to reconcile.
 */
final class BatchUploadEndHandler implements RequestHandler {

    private static final Logger LOG = LoggerFactory.getLogger(BatchUploadEndHandler.class);
    private static final String UNBALANCED_END = "202";

    private final Store store;
    private final HostClock clock;

    BatchUploadEndHandler(Store store, HostClock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public Reply handle(ISOMsg request, Requester requester) throws ISOException, MessageFormatException {
        SignedInTerminal terminal = requester.terminal();
        String refusal = FinancialChecks.terminalRefusal("end of batch upload", terminal, request);
        if (refusal != null) {
            return Reply.macked(request, refusal);
        }
        String tid = terminal.tid();
        String batch = FinancialChecks.batchOf(request, terminal);
        Instant now = clock.now();
        if (UNBALANCED_END.equals(Field60.parse(request.getString(60)).networkCode())) {
            int found = store.write(s -> {
                SettlementMapper settlements = s.getMapper(SettlementMapper.class);
                settlements.deleteDiscrepancies(tid, batch);
                List<BatchDiscrepancy> discrepancies = reconcile(tid, batch,
                        s.getMapper(TransactionMapper.class).listCounted(tid, batch),
                        settlements.listUploadItems(tid, batch), now);
                discrepancies.forEach(settlements::insertDiscrepancy);
                return discrepancies.size();
            });
            LOG.info("batch upload terminal {} batch {} ended unbalanced: {} discrepanc{} recorded", tid, batch, found,
                    found == 1 ? "y" : "ies");
        } else {
            LOG.info("batch upload terminal {} batch {} ended balanced", tid, batch);
        }
        ISOMsg response = ResponseMessage.answering(request, ResponseCodes.APPROVED);
        clock.stamp(response, now);
        return Reply.macked(response);
    }

    /** Matches by trace and kind; whatever is left on either side, or differs in amount, is a discrepancy. */
    static List<BatchDiscrepancy> reconcile(String tid, String batch, List<CapturedTransaction> counted,
                                            List<BatchUploadItem> uploaded, Instant now) {
        Map<String, CapturedTransaction> atHost = new HashMap<>();
        counted.forEach(row -> atHost.put(row.trace() + row.kind(), row));
        List<BatchDiscrepancy> found = new java.util.ArrayList<>();
        for (BatchUploadItem item : uploaded) {
            TransactionKind kind = TypeCodes.kindOf(item.typeCode());
            CapturedTransaction row = atHost.remove(item.trace() + kind);
            if (row == null) {
                found.add(new BatchDiscrepancy(null, tid, batch, item.trace(), kind, DiscrepancyReason.MISSING_AT_HOST,
                        null, item.amount(), now));
            } else if (row.amount() != item.amount()) {
                found.add(new BatchDiscrepancy(null, tid, batch, item.trace(), kind, DiscrepancyReason.AMOUNT_DIFFERS,
                        row.amount(), item.amount(), now));
            }
        }
        atHost.values().forEach(row -> found.add(new BatchDiscrepancy(null, tid, batch, row.trace(), row.kind(),
                DiscrepancyReason.NOT_UPLOADED, row.amount(), null, now)));
        return found;
    }
}
