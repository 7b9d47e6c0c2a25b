package tms.gateway;

import java.time.Instant;

import org.apache.ibatis.session.SqlSession;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tms.hsm.SecurityModule;
import tms.hsm.WrappedKey;
import tms.iso8583.MaskedMessage;
import tms.store.CapturedTransaction;
import tms.store.SignedInTerminal;
import tms.store.Store;
import tms.store.TransactionKind;
import tms.store.TransactionMapper;
import tms.store.TransactionStatus;

/**
 * Captures one authorised financial request (purchase, balance inquiry, void, refund). With a platform across
 * the network it takes two commits: a PENDING row reserving its key, then — after the platform decides — the
 * decision together with its consequence for the original (a void marks its purchase VOIDED, a refund adds to its
 * purchase's refunded amount). With a platform that decides in process (the stand-in) nothing outside knows of
 * the decision until the answer leaves, so the row is written once, decided, with the consequence in the same
 * unit. Every write is a unit of the {@link CaptureWriter}, so each commit is shared with the requests of other
 * connections. The answer is built only after the last commit, so an approval never leaves uncaptured, and its
 * fields are stored with the row so a retransmission gets the same answer.
 */
final class Capture {

    private static final Logger LOG = LoggerFactory.getLogger(Capture.class);

    /**
     * What an approval does to the original in the decision's own transaction; returns null when done, or the
     * response code that turns the approval into a refusal (the original changed since it was checked).
     */
    @FunctionalInterface
    interface Consequence {
        String apply(SqlSession session);

        Consequence NONE = session -> null;
    }

    private final Store store;
    private final SecurityModule hsm;
    private final PaymentPlatform platform;
    private final HostClock clock;
    private final ReferenceNumbers rrns;
    private final String acquirerId;
    private final CaptureInsert inserts;
    private final CaptureWriter writer;

    Capture(Store store, CaptureWriter writer, SecurityModule hsm, PaymentPlatform platform, HostClock clock,
            ReferenceNumbers rrns, String acquirerId) {
        this.store = store;
        this.hsm = hsm;
        this.platform = platform;
        this.clock = clock;
        this.rrns = rrns;
        this.acquirerId = acquirerId;
        this.writer = writer;
        this.inserts = new CaptureInsert(store, writer,
                new LastSeenThrottle(java.time.Duration.ofSeconds(1)));
    }

    /**
     * The answer to a request whose key is already captured — the stored answer for a retransmission, 94 otherwise —
     * or null when the key is free. A void or refund asks before checking its original, whose state its own first
     * copy changed.
     *
     * @param panHash the card's keyed hash
     */
    Reply earlierAnswer(TransactionKind kind, ISOMsg request, Requester requester, String panHash) throws ISOException {
        SignedInTerminal terminal = requester.terminal();
        String batch = FinancialChecks.batchOf(request, terminal);
        String trace = request.getString(11);
        CapturedTransaction first = store.read(s -> s.getMapper(TransactionMapper.class)
                .findByKey(terminal.tid(), batch, trace, kind));
        if (first == null) {
            return null;
        }
        return Retransmissions.answer(request, RequestFingerprint.of(panHash, requester.macBlockInput()),
                first.requestHash(), first.responseFields(),
                kind + " terminal " + terminal.tid() + " batch " + batch + " trace " + trace);
    }

    /** A purchase or balance inquiry: nothing to do to an original. */
    Reply capture(TransactionKind kind, ISOMsg request, Requester requester, String pan, long amount)
            throws ISOException {
        return capture(kind, request, requester, pan, hsm.panHash(pan), amount, null, Consequence.NONE);
    }

    /**
     * @param panHash     the card's keyed hash, computed once by the caller
     * @param original    the row a void or refund acts on, or null
     * @param consequence what an approval does to the original, in the same transaction as the decision
     */
    Reply capture(TransactionKind kind, ISOMsg request, Requester requester, String pan, String panHash, long amount,
                  CapturedTransaction original, Consequence consequence) throws ISOException {
        SignedInTerminal terminal = requester.terminal();
        String tid = terminal.tid();
        String currency = request.hasField(49) ? request.getString(49) : FinancialChecks.CNY;
        String batch = FinancialChecks.batchOf(request, terminal);
        String trace = request.getString(11);
        Instant now = clock.now();
        String rrn = rrns.next();
        CapturedTransaction pending = new CapturedTransaction(null, tid, terminal.mid(), batch, trace, rrn, null,
                request.getMTI(), request.getString(3), kind, amount, currency, PanDisplay.first6(pan),
                PanDisplay.last4(pan), panHash, request.getString(22), null, TransactionStatus.PENDING,
                request.getString(13), request.getString(12), now, original == null ? null : original.id(), null,
                RequestFingerprint.of(panHash, requester.macBlockInput()), null);
        ISOMsg response;
        if (platform.decidesInProcess()) {
            // nothing outside this process knows of the decision yet: the row is written once, decided
            PlatformDecision decision = decide(kind, request, terminal, pan, amount, currency, rrn);
            CaptureInsert.Outcome<ISOMsg> written = inserts.insertOnce(pending, request, s -> {
                Decided decided = settle(s, decision, consequence, request, rrn, currency, now);
                return new CaptureInsert.Row<>(pending.decided(decided.decision.authCode(),
                        decided.decision.responseCode(), decided.status(), StoredAnswer.fieldsOf(decided.answer)),
                        decided.answer);
            });
            if (written.taken() != null) {
                return written.taken();
            }
            response = written.result();
        } else {
            // the key is reserved before the platform is asked, so a copy of this request is never authorised twice
            Reply taken = inserts.reserve(pending, request);
            if (taken != null) {
                return taken;
            }
            PlatformDecision decision = decide(kind, request, terminal, pan, amount, currency, rrn);
            try {
                // the decision is committed before the answer exists: an approval never leaves uncaptured
                response = writer.write(s -> {
                    Decided decided = settle(s, decision, consequence, request, rrn, currency, now);
                    int recorded = s.getMapper(TransactionMapper.class).recordDecision(tid, batch, trace, kind,
                            decided.decision.authCode(), decided.decision.responseCode(), decided.status(),
                            StoredAnswer.fieldsOf(decided.answer));
                    if (recorded == 0) {
                        // a reversal reached the PENDING row first: the terminal gave up on this answer
                        throw new ReversedMeanwhile();
                    }
                    return decided.answer;
                });
            } catch (ReversedMeanwhile e) {
                LOG.warn("{} terminal {} batch {} trace {} was reversed while the platform decided; answering 96",
                        kind, tid, batch, trace);
                return Reply.macked(request, ResponseCodes.SYSTEM_MALFUNCTION);
            }
        }
        LOG.info("{} terminal {} batch {} trace {} amount {} card {} → {} rrn {}", kind, tid, batch, trace, amount,
                MaskedMessage.truncatedPan(pan), response.getString(39), rrn);
        return Reply.macked(response);
    }

    private PlatformDecision decide(TransactionKind kind, ISOMsg request, SignedInTerminal terminal, String pan,
                                    long amount, String currency, String rrn) {
        try {
            byte[] pinBlock = request.hasField(52) ? request.getBytes(52) : null;
            WrappedKey pik = pinBlock != null && terminal.pikWrapped() != null ? WrappedKey.decode(terminal.pikWrapped())
                    : null;
            return platform.authorise(new AuthorisationRequest(kind, terminal.tid(), terminal.mid(), pan, amount,
                    currency, rrn, request.getString(22), pinBlock, pik));
        } catch (RuntimeException e) {
            LOG.error("{} terminal {} trace {}: the platform failed; answering 96", kind, terminal.tid(),
                    request.getString(11), e);
            return PlatformDecision.decline(ResponseCodes.SYSTEM_MALFUNCTION);
        }
    }

    /** The decision as it stands after its consequence for the original, and the answer that tells it. */
    private record Decided(PlatformDecision decision, ISOMsg answer) {
        TransactionStatus status() {
            return decision.approved() ? TransactionStatus.APPROVED : TransactionStatus.DECLINED;
        }
    }

    /** In the decision's transaction: an approval's consequence (which may turn it into a refusal), then the answer. */
    private Decided settle(SqlSession session, PlatformDecision decision, Consequence consequence, ISOMsg request,
                           String rrn, String currency, Instant now) {
        PlatformDecision decided = decision;
        if (decided.approved()) {
            String refusal = consequence.apply(session);
            if (refusal != null) {
                decided = PlatformDecision.decline(refusal);
            }
        }
        return new Decided(decided, answer(request, decided, rrn, currency, now));
    }

    private ISOMsg answer(ISOMsg request, PlatformDecision decision, String rrn, String currency, Instant now) {
        try {
            ISOMsg response = ResponseMessage.answering(request, decision.responseCode());
            clock.stampWithSettlementDate(response, now);
            response.set(32, acquirerId);
            response.set(37, rrn);
            if (decision.approved()) {
                response.set(38, decision.authCode());
            }
            if (decision.balance() != null) {
                response.set(54, balanceEntry(decision.balance(), currency));
            }
            response.set(63, "CUP");
            return response;
        } catch (ISOException e) {
            throw new IllegalStateException("cannot build the answer", e);
        }
    }

    /** Field 54: account type 10, amount type 02 (available), currency, sign C, 12-digit amount. */
    private static String balanceEntry(long balance, String currency) {
        return "1002" + currency + "C" + String.format("%012d", balance);
    }

    /** Rolls back the decision's transaction when the PENDING row is gone. */
    private static final class ReversedMeanwhile extends RuntimeException {
        ReversedMeanwhile() {
            super(null, null, false, false);
        }
    }
}
