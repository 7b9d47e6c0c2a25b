package tms.gateway;

import org.jpos.iso.ISOMsg;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tms.store.PendingTmk;
import tms.store.TerminalState;

/** The checks a TMK download and a TMK confirmation share: a registered, active terminal of the named merchant. */
final class TmkRequests {

    private static final Logger LOG = LoggerFactory.getLogger(TmkRequests.class);

    private TmkRequests() {
    }

    /** The response code refusing the request, or null when the terminal may go on. */
    static String refusal(PendingTmk terminal, ISOMsg request, Requester requester, String what) {
        String tid = request.getString(41);
        if (terminal == null) {
            LOG.warn("{} refused from {}: terminal {} is not registered", what, requester.remoteAddress(),
                    LogText.printable(tid));
            return ResponseCodes.NOT_REGISTERED;
        }
        if (terminal.state() != TerminalState.ACTIVE) {
            LOG.warn("{} refused: terminal {} is {}, not ACTIVE", what, tid, terminal.state());
            return ResponseCodes.NOT_PERMITTED;
        }
        if (!terminal.mid().equals(request.getString(42))) {
            LOG.warn("{} refused: terminal {} belongs to merchant {}, request names {}", what, tid, terminal.mid(),
                    LogText.printable(request.getString(42)));
            return ResponseCodes.INVALID_MERCHANT;
        }
        return null;
    }
}
