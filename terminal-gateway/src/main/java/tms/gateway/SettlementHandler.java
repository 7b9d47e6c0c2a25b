package tms.gateway;

import java.time.Instant;

import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tms.iso8583.MessageFormatException;
import tms.iso8583.SettlementTotals;
import tms.store.BatchTotals;
import tms.store.Settlement;
import tms.store.SettlementMapper;
import tms.store.SignedInTerminal;
import tms.store.Store;
import tms.store.TerminalMapper;
import tms.store.TransactionMapper;

/**
 * Settlement (0500, 60.3 = 201): the host totals the terminal batch named in 60.2, compares them with the
 * terminal's field 48 and answers the same 48 with the result digits filled in (1 balanced, 2 unbalanced; an
 * unbalanced terminal then uploads its batch). Both sets of totals are stored, and the terminal's current batch
 * moves past the settled one, in one transaction. Every card counts as domestic here: foreign totals balance
 * only when the terminal reports none.
 */
final class SettlementHandler implements RequestHandler {

    private static final Logger LOG = LoggerFactory.getLogger(SettlementHandler.class);

    private final Store store;
    private final CaptureWriter writer;
    private final HostClock clock;

    SettlementHandler(Store store, CaptureWriter writer, HostClock clock) {
        this.store = store;
        this.writer = writer;
        this.clock = clock;
    }

    @Override
    public Reply handle(ISOMsg request, Requester requester) throws ISOException, MessageFormatException {
        SignedInTerminal terminal = requester.terminal();
        String tid = terminal.tid();
        String refusal = FinancialChecks.terminalRefusal("settlement", terminal, request);
        if (refusal == null && (FinancialChecks.currencyRefusal(request) != null || !request.hasField(11))) {
            refusal = ResponseCodes.INVALID_TRANSACTION;
        }
        if (refusal != null) {
            return Reply.macked(request, refusal);
        }
        SettlementTotals reported = SettlementTotals.parse(request.getString(48));
        String batch = FinancialChecks.batchOf(request, terminal);
        String trace = request.getString(11);
        // a settlement carries no card
        String requestHash = RequestFingerprint.of(null, requester.macBlockInput());
        Instant now = clock.now();
        try {
            ISOMsg response = writer.write(s -> {
                BatchTotals host = s.getMapper(TransactionMapper.class).batchTotals(tid, batch);
                int domestic = host.debitAmount() == reported.domesticDebitAmount()
                        && host.debitCount() == reported.domesticDebitCount()
                        && host.creditAmount() == reported.domesticCreditAmount()
                        && host.creditCount() == reported.domesticCreditCount()
                        ? SettlementTotals.BALANCED : SettlementTotals.UNBALANCED;
                int foreign = reported.foreignDebitCount() == 0 && reported.foreignCreditCount() == 0
                        && reported.foreignDebitAmount() == 0 && reported.foreignCreditAmount() == 0
                        ? SettlementTotals.BALANCED : SettlementTotals.UNBALANCED;
                ISOMsg answer = answer(request, reported.withResults(domestic, foreign), now);
                s.getMapper(SettlementMapper.class).insert(new Settlement(null, tid, terminal.mid(), batch, trace,
                        reported.domesticDebitAmount(), reported.domesticDebitCount(),
                        reported.domesticCreditAmount(), reported.domesticCreditCount(),
                        reported.foreignDebitAmount(), reported.foreignDebitCount(),
                        reported.foreignCreditAmount(), reported.foreignCreditCount(),
                        host.debitAmount(), host.debitCount(), host.creditAmount(), host.creditCount(),
                        domestic, foreign, requestHash, StoredAnswer.fieldsOf(answer), now));
                // as a sign-in does, the host moves the terminal to the next batch; a sign-in that already did
                // leaves nothing to move
                s.getMapper(TerminalMapper.class).advanceBatch(tid, batch, SignInHandler.nextBatch(batch));
                s.getMapper(TerminalMapper.class).touchLastSeen(tid, now);
                LOG.info("settlement terminal {} batch {}: host debit {}/{} credit {}/{}, terminal {} → {}", tid,
                        batch, host.debitAmount(), host.debitCount(), host.creditAmount(), host.creditCount(),
                        reported.format(), domestic == SettlementTotals.BALANCED ? "balanced" : "unbalanced");
                return answer;
            });
            return Reply.macked(response);
        } catch (RuntimeException e) {
            if (!Store.isDuplicateKey(e)) {
                throw e;
            }
        }
        Settlement first = store.read(s -> s.getMapper(SettlementMapper.class).findByKey(tid, batch, trace));
        return Retransmissions.answer(request, requestHash, first == null ? null : first.requestHash(),
                first == null ? null : first.responseFields(), "settlement terminal " + tid + " batch " + batch
                        + " trace " + trace);
    }

    private ISOMsg answer(ISOMsg request, SettlementTotals answered, Instant now) {
        try {
            ISOMsg response = ResponseMessage.answering(request, ResponseCodes.APPROVED);
            clock.stampWithSettlementDate(response, now);
            response.set(48, answered.format());
            return response;
        } catch (ISOException e) {
            throw new IllegalStateException("cannot build the settlement answer", e);
        }
    }
}
