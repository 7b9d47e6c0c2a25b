package tms.gateway;

import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tms.hsm.SecurityModule;
import tms.iso8583.MessageFormatException;
import tms.iso8583.OriginalData;
import tms.store.CapturedTransaction;
import tms.store.SignedInTerminal;
import tms.store.Store;
import tms.store.TransactionKind;
import tms.store.TransactionMapper;
import tms.store.TransactionStatus;

/**
 * What every request acting on an earlier transaction shares — a void, a refund, a pre-authorisation's void or
 * completion, a completion's void: the checks before the original, the original itself (field 61 gives its batch
 * and trace, the references the host answered it with must match — 37 its RRN, 38 its auth code, as the
 * {@link Undo} says — and the card must be the same, compared by keyed hash), and its capture. Any mismatch is
 * "original not found" (25): a terminal must not be able to act on a transaction by guessing a trace. What differs
 * between them is an {@link Undo}.
 */
final class OriginalTransaction {

    private static final Logger LOG = LoggerFactory.getLogger(OriginalTransaction.class);

    /** What a request asks of the original it names, and what its approval does to it. */
    interface Undo {

        /** The kind of transaction the request names in 61. */
        TransactionKind originalKind();

        /** Whether the request carries the references the host answered the original with; by default 37, its RRN. */
        default boolean references(ISOMsg request, CapturedTransaction original) {
            String rrn = request.getString(37);
            return rrn != null && rrn.equals(original.rrn());
        }

        /** Whether the request's 38 is the auth code the host approved the original with. */
        static boolean sameAuthCode(ISOMsg request, CapturedTransaction original) {
            String authCode = request.getString(38);
            return authCode != null && authCode.equals(original.authCode());
        }

        /** The response code that refuses the request's amount against this approved original, or null. */
        String amountRefusal(CapturedTransaction original, long amount);

        /** What an approval does to the original, in the same transaction as the decision. */
        Capture.Consequence onApproval(CapturedTransaction original, long amount);
    }

    private final Store store;
    private final SecurityModule hsm;
    private final Capture capture;

    OriginalTransaction(Store store, SecurityModule hsm, Capture capture) {
        this.store = store;
        this.hsm = hsm;
        this.capture = capture;
    }

    /**
     * In order: the terminal may transact, the request is well formed with an amount, the request was not answered
     * before (a retransmission gets that answer — asked before the original, whose state its first copy changed),
     * the original is the terminal's and approved, and {@code undo} does not refuse it; then the request is
     * captured.
     */
    Reply undo(TransactionKind kind, ISOMsg request, Requester requester, Undo undo)
            throws ISOException, MessageFormatException {
        SignedInTerminal terminal = requester.terminal();
        String refusal = FinancialChecks.terminalRefusal(kind.toString(), terminal, request);
        if (refusal == null) {
            refusal = FinancialChecks.cardRequestRefusal(request, true);
        }
        if (refusal != null) {
            return Reply.macked(request, refusal);
        }
        String pan = CardNumber.of(request);
        String panHash = hsm.panHash(pan);
        Reply earlier = capture.earlierAnswer(kind, request, requester, panHash);
        if (earlier != null) {
            return earlier;
        }
        OriginalData named;
        try {
            named = OriginalData.parse(request.getString(61));
        } catch (MessageFormatException e) {
            LOG.warn("{} refused: terminal {}: {}", kind, terminal.tid(), e.getMessage());
            return Reply.macked(request, ResponseCodes.INVALID_TRANSACTION);
        }
        TransactionKind originalKind = undo.originalKind();
        CapturedTransaction original = store.read(s -> s.getMapper(TransactionMapper.class)
                .findByKey(terminal.tid(), named.batch(), named.trace(), originalKind));
        if (original == null || !undo.references(request, original) || !panHash.equals(original.panHash())) {
            LOG.warn("{} refused: terminal {} names {} batch {} trace {} (rrn {}, auth code {}), which the host {}",
                    kind, terminal.tid(), originalKind, named.batch(), named.trace(),
                    LogText.printable(request.getString(37)), LogText.printable(request.getString(38)),
                    original == null ? "never captured" : "captured with other references or another card");
            return Reply.macked(request, ResponseCodes.ORIGINAL_NOT_FOUND);
        }
        long amount = Long.parseLong(request.getString(4));
        // voided or completed already: 12; declined, reversed or never answered: there is nothing to act on, 25
        refusal = original.status() == TransactionStatus.VOIDED || original.status() == TransactionStatus.COMPLETED
                ? ResponseCodes.INVALID_TRANSACTION
                : original.status() != TransactionStatus.APPROVED ? ResponseCodes.ORIGINAL_NOT_FOUND
                : undo.amountRefusal(original, amount);
        if (refusal != null) {
            LOG.warn("{} refused ({}): terminal {} {} trace {} is {} for {} fen, request asks {}", kind, refusal,
                    terminal.tid(), originalKind, original.trace(), original.status(), original.amount(), amount);
            return Reply.macked(request, refusal);
        }
        return capture.capture(kind, request, requester, pan, panHash, amount, original,
                undo.onApproval(original, amount));
    }
}
