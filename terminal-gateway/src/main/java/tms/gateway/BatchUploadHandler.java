package tms.gateway;

import java.time.Instant;

import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tms.hsm.SecurityModule;
import tms.iso8583.BatchUploadDetails;
import tms.iso8583.MessageFormatException;
import tms.store.BatchUploadItem;
import tms.store.SettlementMapper;
import tms.store.SignedInTerminal;
import tms.store.Store;
import tms.store.TransactionKind;

/**
 * Batch upload detail (0320, 60.3 = 201): after an unbalanced settlement the terminal sends its batch's
 * transactions, up to 7 per message in field 48 (layout ours, {@link BatchUploadDetails}). They are kept — the
 * card only truncated and hashed — for the end of the upload to reconcile. A retransmitted message adds
 * nothing and is answered 00 again.
 */
final class BatchUploadHandler implements RequestHandler {

    private static final Logger LOG = LoggerFactory.getLogger(BatchUploadHandler.class);

    private final Store store;
    private final SecurityModule hsm;
    private final HostClock clock;

    BatchUploadHandler(Store store, SecurityModule hsm, HostClock clock) {
        this.store = store;
        this.hsm = hsm;
        this.clock = clock;
    }

    @Override
    public Reply handle(ISOMsg request, Requester requester) throws ISOException, MessageFormatException {
        SignedInTerminal terminal = requester.terminal();
        String refusal = FinancialChecks.terminalRefusal("batch upload", terminal, request);
        if (refusal != null) {
            return Reply.macked(request, refusal);
        }
        BatchUploadDetails details = BatchUploadDetails.parse(request.getString(48));
        for (BatchUploadDetails.Entry entry : details.entries()) {
            TransactionKind kind = TypeCodes.kindOf(entry.typeCode());
            if (kind == null || !TypeCodes.settled(kind)) {
                LOG.warn("batch upload refused: terminal {} uploads type code {}, which {}", terminal.tid(),
                        entry.typeCode(), kind == null ? "this host does not capture" : "no settlement counts");
                return Reply.macked(request, ResponseCodes.INVALID_TRANSACTION);
            }
        }
        String batch = FinancialChecks.batchOf(request, terminal);
        Instant now = clock.now();
        int added = store.write(s -> {
            int rows = 0;
            for (BatchUploadDetails.Entry e : details.entries()) {
                rows += s.getMapper(SettlementMapper.class).insertUploadItem(new BatchUploadItem(null, terminal.tid(),
                        batch, e.trace(), e.typeCode(), e.amount(), PanDisplay.first6(e.pan()),
                        PanDisplay.last4(e.pan()), hsm.panHash(e.pan()), now));
            }
            return rows;
        });
        LOG.info("batch upload terminal {} batch {}: {} transaction(s), {} new", terminal.tid(), batch,
                details.entries().size(), added);
        ISOMsg response = ResponseMessage.answering(request, ResponseCodes.APPROVED);
        clock.stamp(response, now);
        return Reply.macked(response);
    }
}
