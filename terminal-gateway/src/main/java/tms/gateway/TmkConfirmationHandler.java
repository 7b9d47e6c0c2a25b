package tms.gateway;

import java.time.Instant;
import java.util.HexFormat;

import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tms.iso8583.MessageFormatException;
import tms.iso8583.TmkConfirmation;
import tms.store.AuditEntry;
import tms.store.AuditLogMapper;
import tms.store.PendingTmk;
import tms.store.Store;
import tms.store.TerminalMapper;

/**
 * TMK confirmation (ours, 0800 with 60.3 = 603): the terminal reports the check value of the TMK it installed.
 * When it is the waiting key's, that key becomes the TMK and the old one stops working at once, together with
 * its working keys; the answer's processing requirement 3 sends the terminal to sign in again. A repeated
 * confirmation (the terminal did not hear the first answer) gets the same answer; any other check value is
 * refused with 12 and changes nothing.
 */
public final class TmkConfirmationHandler implements RequestHandler {

    private static final Logger LOG = LoggerFactory.getLogger(TmkConfirmationHandler.class);

    private final Store store;
    private final HostClock clock;

    public TmkConfirmationHandler(Store store, HostClock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public boolean requiresMac() {
        // the working keys belong to the old TMK, which the terminal may already have replaced
        return false;
    }

    @Override
    public Reply handle(ISOMsg request, Requester requester) throws ISOException, MessageFormatException {
        TmkConfirmation confirmation = TmkConfirmation.from(request);
        String presented = HexFormat.of().withUpperCase().formatHex(confirmation.checkValue());
        String tid = request.getString(41);
        Instant now = clock.now();
        PendingTmk terminal = tid == null ? null : store.read(s -> s.getMapper(TerminalMapper.class).findPendingTmk(tid));
        String refusal = TmkRequests.refusal(terminal, request, requester, "TMK confirmation");
        if (refusal != null) {
            return Reply.plain(ResponseMessage.answering(request, refusal));
        }
        boolean confirmed;
        if (terminal.ordered() && presented.equals(terminal.pendingTmkCheckValue())) {
            confirmed = store.write(s -> {
                if (s.getMapper(TerminalMapper.class).confirmPendingTmk(tid, presented) != 1) {
                    return false;
                }
                s.getMapper(AuditLogMapper.class).insert(new AuditEntry(null, now, "gateway", "terminal.rekey-confirmed",
                        terminal.serialNumber(), requester.remoteAddress(), "OK",
                        "the terminal installed the new TMK; the old TMK and its working keys no longer work",
                        "tmk-cv=" + terminal.tmkCheckValue(), "tmk-cv=" + presented));
                return true;
            });
        } else {
            // a repeat of a confirmation that already took effect
            confirmed = !terminal.ordered() && presented.equals(terminal.tmkCheckValue());
        }
        if (!confirmed) {
            LOG.warn("TMK confirmation refused: terminal {} reports check value {}, the waiting TMK's is {}", tid,
                    presented, terminal.ordered() ? terminal.pendingTmkCheckValue() : "(none waits)");
            return Reply.plain(ResponseMessage.answering(request, ResponseCodes.INVALID_TRANSACTION));
        }
        LOG.info("terminal {} now uses TMK {}; it must sign in again", tid, presented);
        ISOMsg response = ResponseMessage.answering(request, ResponseCodes.APPROVED);
        clock.stamp(response, now);
        return new Reply(response, false, ProcessingRequirement.SIGN_IN_AGAIN);
    }
}
