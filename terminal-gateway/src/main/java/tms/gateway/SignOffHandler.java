package tms.gateway;

import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tms.store.Store;
import tms.store.TerminalMapper;

/**
 * Sign-off (0820, 60.3 = 002): the terminal's working keys are forgotten until it signs in again — but only
 * when the sign-off comes on the connection where that terminal signed in. Sign-off carries no MAC, and a
 * TID is printed on every receipt: from anywhere else it would let a stranger cut the terminal off.
 */
public final class SignOffHandler implements RequestHandler {

    private static final Logger LOG = LoggerFactory.getLogger(SignOffHandler.class);

    private final Store store;

    public SignOffHandler(Store store) {
        this.store = store;
    }

    @Override
    public boolean requiresMac() {
        return false;
    }

    @Override
    public Reply handle(ISOMsg request, Requester requester) throws ISOException {
        String tid = request.getString(41);
        if (tid != null && tid.equals(requester.connectionTid())) {
            store.write(s -> s.getMapper(TerminalMapper.class).clearWorkingKeys(tid));
            LOG.info("terminal {} signed off from {}", tid, requester.remoteAddress());
        } else {
            LOG.warn("sign-off for terminal {} from {} ignored: it did not sign in on this connection",
                    LogText.printable(tid), requester.remoteAddress());
        }
        return Reply.plain(ResponseMessage.answering(request, ResponseCodes.APPROVED));
    }
}
