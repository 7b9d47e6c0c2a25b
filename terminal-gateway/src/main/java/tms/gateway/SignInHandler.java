package tms.gateway;

import java.time.Instant;

import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tms.hsm.KeyAlgorithm;
import tms.hsm.KeyUsage;
import tms.hsm.SecurityModule;
import tms.hsm.WrappedKey;
import tms.iso8583.Field60;
import tms.iso8583.MessageFormatException;
import tms.iso8583.SignInKeyLayout;
import tms.iso8583.WorkingKeys;
import tms.store.Store;
import tms.store.Terminal;
import tms.store.TerminalMapper;
import tms.store.TerminalState;

/**
 * Sign-in (0800, 60.3 = 001/003/004): a known, active terminal gets fresh working keys under its TMK
 * in field 62 and a new batch number in 60.2.
 */
public final class SignInHandler implements RequestHandler {

    private static final Logger LOG = LoggerFactory.getLogger(SignInHandler.class);

    private final Store store;
    private final SecurityModule hsm;
    private final HostClock clock;
    private final ReferenceNumbers rrns;
    private final String acquirerId;

    public SignInHandler(Store store, SecurityModule hsm, HostClock clock, ReferenceNumbers rrns, String acquirerId) {
        this.store = store;
        this.hsm = hsm;
        this.clock = clock;
        this.rrns = rrns;
        this.acquirerId = acquirerId;
    }

    @Override
    public boolean requiresMac() {
        return false;
    }

    @Override
    public Reply handle(ISOMsg request, Requester requester) throws ISOException, MessageFormatException {
        Field60 field60 = Field60.parse(request.getString(60));
        String tid = request.getString(41);
        Terminal terminal = store.read(s -> s.getMapper(TerminalMapper.class).findByTid(tid));
        if (terminal == null) {
            LOG.warn("sign-in refused: terminal {} is not registered (from {})", LogText.printable(tid),
                    requester.remoteAddress());
            return Reply.plain(ResponseMessage.answering(request, ResponseCodes.NOT_REGISTERED));
        }
        if (terminal.state() != TerminalState.ACTIVE || terminal.tmkWrapped() == null) {
            LOG.warn("sign-in refused: terminal {} is {}, not ACTIVE", tid, terminal.state());
            return Reply.plain(ResponseMessage.answering(request, ResponseCodes.NOT_PERMITTED));
        }
        if (!terminal.mid().equals(request.getString(42))) {
            LOG.warn("sign-in refused: terminal {} belongs to merchant {}, request names {}", tid,
                    terminal.mid(), LogText.printable(request.getString(42)));
            return Reply.plain(ResponseMessage.answering(request, ResponseCodes.INVALID_MERCHANT));
        }
        SignInKeyLayout layout;
        try {
            layout = SignInKeyLayout.forNetworkCode(field60.networkCode(), false);
        } catch (IllegalArgumentException e) {
            layout = null;
        }
        if (layout == null) {
            LOG.warn("sign-in refused: terminal {} asked for key layout {}, not offered here", tid,
                    LogText.printable(field60.networkCode()));
            return Reply.plain(ResponseMessage.answering(request, ResponseCodes.INVALID_TRANSACTION));
        }
        WrappedKey tmk = WrappedKey.decode(terminal.tmkWrapped());
        // the working keys are of the TMK's cipher: 006 is the layout of SM4 terminals, 001/003/004 of 3DES ones
        KeyAlgorithm cipher = layout.sm4() ? KeyAlgorithm.SM4 : KeyAlgorithm.TDES;
        if (tmk.algorithm() != cipher) {
            LOG.warn("sign-in refused: terminal {} asked for key layout {} ({} keys) but its TMK is {}", tid,
                    field60.networkCode(), cipher, tmk.algorithm());
            return Reply.plain(ResponseMessage.answering(request, ResponseCodes.INVALID_TRANSACTION));
        }
        WrappedKey pik = hsm.generateKey(KeyUsage.PIK, cipher, layout.pikLength());
        WrappedKey mak = hsm.generateKey(KeyUsage.MAK, cipher, layout.makLength());
        WrappedKey tdk = layout.hasTdk() ? hsm.generateKey(KeyUsage.TDK, cipher, SignInKeyLayout.TDK_LENGTH) : null;
        WorkingKeys field62 = new WorkingKeys(layout,
                hsm.encryptUnderKek(pik, tmk), pik.checkValue(),
                hsm.encryptUnderKek(mak, tmk), mak.checkValue(),
                tdk == null ? null : hsm.encryptUnderKek(tdk, tmk), tdk == null ? null : tdk.checkValue());

        String batch = nextBatch(terminal.currentBatch());
        Instant now = clock.now();
        // the keys are kept (LMK-wrapped) with the terminal, not the connection: terminals that dial a new
        // connection per transaction, or reach another gateway node, use them until they sign in again
        Integer recorded = store.write(s -> s.getMapper(TerminalMapper.class).recordSignIn(tid, batch, pik.encoded(),
                mak.encoded(), tdk == null ? null : tdk.encoded(), now));
        if (recorded == 0) {
            // revoked or suspended between the look above and now
            LOG.warn("sign-in refused: terminal {} stopped being ACTIVE during its sign-in", tid);
            return Reply.plain(ResponseMessage.answering(request, ResponseCodes.NOT_PERMITTED));
        }

        ISOMsg response = ResponseMessage.answering(request, ResponseCodes.APPROVED);
        clock.stamp(response, now);
        response.set(32, acquirerId);
        response.set(37, rrns.next());
        response.set(60, Field60.of(field60.typeCode(), batch, field60.networkCode()).format());
        response.set(62, field62.encode());
        LOG.info("terminal {} signed in ({}), batch {}, MAK check value {}", tid, layout, batch,
                mak.checkValueHex());
        return Reply.plain(response);
    }

    /** Batch numbers run 000001..999999 and wrap. */
    static String nextBatch(String current) {
        int value = current == null ? 0 : Integer.parseInt(current);
        return String.format("%06d", value % 999_999 + 1);
    }
}
