package tms.gateway;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tms.hsm.SecurityModule;
import tms.iso8583.Field60;
import tms.iso8583.MessageFormatException;
import tms.store.CapturedTransaction;
import tms.store.SignedInTerminal;
import tms.store.Store;
import tms.store.TerminalMapper;
import tms.store.TransactionKind;
import tms.store.TransactionMapper;
import tms.store.TransactionStatus;

/**
 * Reversal (0400): carries the original's 3, 4, 11, 22, 25, 41, 42, 49, 60 and its reason in 39 (98 timeout, 06,
 * A0). The original — a purchase, a pre-authorisation, a completion or a void of any of them, found by TID + batch +
 * trace + the kind its 60.1 names — becomes REVERSED in the same transaction that writes the reversal's row, and
 * what it did to its own original is undone there too (see {@link #restore}); one the host never answered
 * (PENDING) is reversed too. A reversal of an original the host never saw is kept as an ORPHAN row and answered
 * 00, because the terminal retries until it hears 00. A repeat finds the reversal's key taken and gets the stored
 * answer; nothing is written twice.
 *
 * <p>Reversals are accepted from a suspended or revoked terminal too: they only ever take money movement back.
 */
final class ReversalHandler implements RequestHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ReversalHandler.class);
    /** What a terminal reverses: a refund is an advice, which it does not. */
    private static final Set<TransactionKind> REVERSIBLE = EnumSet.of(TransactionKind.PURCHASE,
            TransactionKind.PURCHASE_VOID, TransactionKind.PRE_AUTH, TransactionKind.PRE_AUTH_VOID,
            TransactionKind.PRE_AUTH_COMPLETION, TransactionKind.PRE_AUTH_COMPLETION_VOID);

    private final Store store;
    private final CaptureWriter writer;
    private final SecurityModule hsm;
    private final HostClock clock;
    private final String acquirerId;

    ReversalHandler(Store store, CaptureWriter writer, SecurityModule hsm, HostClock clock, String acquirerId) {
        this.store = store;
        this.writer = writer;
        this.hsm = hsm;
        this.clock = clock;
        this.acquirerId = acquirerId;
    }

    @Override
    public Reply handle(ISOMsg request, Requester requester) throws ISOException, MessageFormatException {
        SignedInTerminal terminal = requester.terminal();
        String tid = terminal.tid();
        TransactionKind originalKind = TypeCodes.kindOf(Field60.parse(request.getString(60)).typeCode());
        String refusal = !terminal.mid().equals(request.getString(42)) ? ResponseCodes.INVALID_MERCHANT
                : originalKind == null || !REVERSIBLE.contains(originalKind)
                        || !request.hasField(11) ? ResponseCodes.INVALID_TRANSACTION
                : FinancialChecks.currencyRefusal(request) != null ? ResponseCodes.INVALID_TRANSACTION
                : FinancialChecks.amountRefusal(request);
        if (refusal != null) {
            LOG.warn("reversal refused ({}): terminal {} trace {}", refusal, tid, LogText.printable(request.getString(11)));
            return Reply.macked(request, refusal);
        }
        String batch = FinancialChecks.batchOf(request, terminal);
        String trace = request.getString(11);
        Instant now = clock.now();
        ISOMsg response = ResponseMessage.answering(request, ResponseCodes.APPROVED);
        clock.stampWithSettlementDate(response, now);
        response.set(32, acquirerId);
        String pan = CardNumber.of(request);
        String panHash = pan == null ? null : hsm.panHash(pan);
        String requestHash = RequestFingerprint.of(panHash, requester.macBlockInput());
        String mti = request.getMTI();
        String what = "reversal terminal " + tid + " batch " + batch + " trace " + trace;
        try {
            TransactionStatus outcome = writer.write(s -> {
                TransactionMapper transactions = s.getMapper(TransactionMapper.class);
                CapturedTransaction original = transactions.findByKey(tid, batch, trace, originalKind);
                TransactionStatus status = original == null ? TransactionStatus.ORPHAN : TransactionStatus.APPROVED;
                // the reversal's row first: a repeat fails here, before it could touch the original again
                transactions.insert(new CapturedTransaction(null, tid, terminal.mid(), batch, trace, null, null,
                        mti, request.getString(3), TransactionKind.REVERSAL,
                        Long.parseLong(request.getString(4)), FinancialChecks.CNY, PanDisplay.first6(pan),
                        PanDisplay.last4(pan), panHash, request.getString(22),
                        ResponseCodes.APPROVED, status, request.getString(13), request.getString(12), now,
                        original == null ? null : original.id(), request.getString(39), requestHash,
                        StoredAnswer.fieldsOf(response)));
                s.getMapper(TerminalMapper.class).touchLastSeen(tid, now);
                if (original != null && transactions.reverse(original.id()) == 1
                        && original.status() == TransactionStatus.APPROVED) {
                    // a PENDING original changed nothing yet: its decision will find its row reversed
                    restore(transactions, original);
                }
                return original == null ? TransactionStatus.ORPHAN : original.status();
            });
            LOG.info("{} reason {}: {}", what, LogText.printable(request.getString(39)),
                    outcome == TransactionStatus.ORPHAN ? "the host never saw the original; kept as an orphan"
                            : "original was " + outcome);
            return Reply.macked(response);
        } catch (RuntimeException e) {
            if (!Store.isDuplicateKey(e)) {
                throw e;
            }
        }
        return Retransmissions.answerCaptured(store, request, requestHash, tid, batch, trace, TransactionKind.REVERSAL);
    }

    /**
     * The reversed original no longer stands, so neither does what its approval did: a void gives its purchase or
     * pre-auth back its APPROVED status, a completion its pre-auth; a completion's void gives the completion back,
     * which takes its pre-auth again.
     */
    private static void restore(TransactionMapper transactions, CapturedTransaction original) {
        switch (original.kind()) {
            case PURCHASE_VOID, PRE_AUTH_VOID -> transactions.changeStatus(original.originalId(),
                    TransactionStatus.VOIDED, TransactionStatus.APPROVED);
            case PRE_AUTH_COMPLETION -> transactions.changeStatus(original.originalId(),
                    TransactionStatus.COMPLETED, TransactionStatus.APPROVED);
            case PRE_AUTH_COMPLETION_VOID -> {
                if (transactions.changeStatus(original.originalId(), TransactionStatus.VOIDED,
                        TransactionStatus.APPROVED) == 1) {
                    CapturedTransaction completion = transactions.findById(original.originalId());
                    if (transactions.changeStatus(completion.originalId(), TransactionStatus.APPROVED,
                            TransactionStatus.COMPLETED) == 0) {
                        // the terminal acted on the pre-auth before sending the reversal it owed: for review
                        LOG.warn("terminal {}: the completion trace {} stands again after its void was reversed, but"
                                + " its pre-authorisation is no longer open to it", original.tid(), completion.trace());
                    }
                }
            }
            default -> {
                // a purchase or pre-authorisation acted on nothing
            }
        }
    }
}
