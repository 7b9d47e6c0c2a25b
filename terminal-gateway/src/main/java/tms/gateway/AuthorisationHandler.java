package tms.gateway;

import java.time.Instant;

import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tms.hsm.SecurityModule;
import tms.hsm.WrappedKey;
import tms.iso8583.MaskedMessage;
import tms.store.CapturedTransaction;
import tms.store.Store;
import tms.store.SignedInTerminal;
import tms.store.TerminalMapper;
import tms.store.TerminalState;
import tms.store.TransactionKind;
import tms.store.TransactionMapper;
import tms.store.TransactionStatus;

/**
 * Purchase (0200, 000000, 60.1 = 22) and balance inquiry (0200, 310000, 60.1 = 01): checks the terminal
 * and the request, asks the platform, and commits the captured row before the 0210 is built.
 */
public final class AuthorisationHandler implements RequestHandler {

    private static final Logger LOG = LoggerFactory.getLogger(AuthorisationHandler.class);
    private static final String CNY = "156";

    private final TransactionKind kind;
    private final Store store;
    private final SecurityModule hsm;
    private final PaymentPlatform platform;
    private final HostClock clock;
    private final ReferenceNumbers rrns;
    private final String acquirerId;

    public AuthorisationHandler(TransactionKind kind, Store store, SecurityModule hsm, PaymentPlatform platform,
                                HostClock clock, ReferenceNumbers rrns, String acquirerId) {
        if (kind != TransactionKind.PURCHASE && kind != TransactionKind.BALANCE_INQUIRY) {
            throw new IllegalArgumentException("AuthorisationHandler answers purchases and balance inquiries, not " + kind);
        }
        this.kind = kind;
        this.store = store;
        this.hsm = hsm;
        this.platform = platform;
        this.clock = clock;
        this.rrns = rrns;
        this.acquirerId = acquirerId;
    }

    @Override
    public boolean requiresMac() {
        return true;
    }

    @Override
    public Reply handle(ISOMsg request, Requester requester) throws ISOException {
        // the dispatcher verified the MAC under this terminal's MAK: the TID is the terminal's own
        SignedInTerminal terminal = requester.terminal();
        String tid = terminal.tid();
        if (terminal.state() != TerminalState.ACTIVE) {
            LOG.warn("{} refused: terminal {} is {}", kind, tid, terminal.state());
            return Reply.macked(ResponseMessage.answering(request, ResponseCodes.NOT_PERMITTED));
        }
        if (!terminal.mid().equals(request.getString(42))) {
            LOG.warn("{} refused: terminal {} belongs to merchant {}, request names {}", kind, tid, terminal.mid(),
                    LogText.printable(request.getString(42)));
            return Reply.macked(ResponseMessage.answering(request, ResponseCodes.INVALID_MERCHANT));
        }
        String refusal = validate(request);
        if (refusal != null) {
            return Reply.macked(ResponseMessage.answering(request, refusal));
        }
        String pan = CardNumber.of(request);
        long amount = kind == TransactionKind.PURCHASE ? Long.parseLong(request.getString(4)) : 0L;
        String currency = request.hasField(49) ? request.getString(49) : CNY;
        String batch = batchOf(request, terminal);
        String trace = request.getString(11);

        // the key (TID + batch + trace + kind) is reserved in the store before the platform is asked: a copy
        // of this request, on this or another connection or node, finds it taken and gets 94, so a card is
        // never authorised twice
        Instant now = clock.now();
        String rrn = rrns.next();
        CapturedTransaction pending = new CapturedTransaction(null, tid, terminal.mid(), batch, trace, rrn, null,
                request.getMTI(), request.getString(3), kind, amount, currency, PanDisplay.first6(pan),
                PanDisplay.last4(pan), hsm.panHash(pan), request.getString(22), null, TransactionStatus.PENDING,
                request.getString(13), request.getString(12), now);
        try {
            store.write(s -> {
                s.getMapper(TransactionMapper.class).insert(pending);
                s.getMapper(TerminalMapper.class).touchLastSeen(tid, now);
                return null;
            });
        } catch (RuntimeException e) {
            if (Store.isDuplicateKey(e)) {
                LOG.warn("{} refused: terminal {} batch {} trace {} was already received", kind, tid, batch, trace);
                return Reply.macked(ResponseMessage.answering(request, ResponseCodes.DUPLICATE));
            }
            throw e;
        }

        PlatformDecision decision;
        try {
            byte[] pinBlock = request.hasField(52) ? request.getBytes(52) : null;
            WrappedKey pik = pinBlock != null && terminal.pikWrapped() != null ? WrappedKey.decode(terminal.pikWrapped())
                    : null;
            decision = platform.authorise(new AuthorisationRequest(kind, tid, terminal.mid(), pan, amount, currency, rrn,
                    request.getString(22), pinBlock, pik));
        } catch (RuntimeException e) {
            LOG.error("{} terminal {} trace {}: the platform failed; answering 96", kind, tid, trace, e);
            decision = PlatformDecision.decline(ResponseCodes.SYSTEM_MALFUNCTION);
        }
        PlatformDecision decided = decision;
        // the decision is committed before the answer exists: an approval never leaves uncaptured
        store.write(s -> s.getMapper(TransactionMapper.class).recordDecision(tid, batch, trace, kind,
                decided.authCode(), decided.responseCode(),
                decided.approved() ? TransactionStatus.APPROVED : TransactionStatus.DECLINED));

        ISOMsg response = ResponseMessage.answering(request, decision.responseCode());
        response.set(12, clock.localTime(now));
        response.set(13, clock.localDate(now));
        response.set(15, clock.localDate(now));
        response.set(32, acquirerId);
        response.set(37, rrn);
        if (decision.approved()) {
            response.set(38, decision.authCode());
        }
        if (decision.balance() != null) {
            response.set(54, balanceEntry(decision.balance(), currency));
        }
        response.set(63, "CUP");
        LOG.info("{} terminal {} batch {} trace {} amount {} card {} → {} rrn {}", kind, tid, batch, trace,
                amount, MaskedMessage.truncatedPan(pan), decision.responseCode(), rrn);
        return Reply.macked(response);
    }

    /** The response code that refuses a malformed request, or null when it may go to the platform. */
    private String validate(ISOMsg request) {
        if (CardNumber.of(request) == null) {
            return ResponseCodes.INVALID_CARD;
        }
        if (request.hasField(49) && !CNY.equals(request.getString(49))) {
            return ResponseCodes.INVALID_TRANSACTION;
        }
        if (!request.hasField(11) || !request.hasField(60)) {
            return ResponseCodes.INVALID_TRANSACTION;
        }
        if (kind == TransactionKind.PURCHASE) {
            String amount = request.getString(4);
            if (amount == null || amount.chars().allMatch(c -> c == '0')) {
                return ResponseCodes.INVALID_AMOUNT;
            }
        }
        return null;
    }

    /** The batch the terminal names in 60.2; the one handed out at its last sign-in when 60.2 has none. */
    private static String batchOf(ISOMsg request, SignedInTerminal terminal) {
        try {
            String batch = tms.iso8583.Field60.parse(request.getString(60)).batch();
            return batch != null ? batch : terminal.currentBatch();
        } catch (tms.iso8583.MessageFormatException e) {
            return terminal.currentBatch();
        }
    }

    /** Field 54: account type 10, amount type 02 (available), currency, sign C, 12-digit amount. */
    private static String balanceEntry(long balance, String currency) {
        return "1002" + currency + "C" + String.format("%012d", balance);
    }
}
