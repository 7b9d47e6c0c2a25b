package tms.gateway;

import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sign-off (0820, 60.3 = 002): the session's working keys are forgotten. */
public final class SignOffHandler implements RequestHandler {

    private static final Logger LOG = LoggerFactory.getLogger(SignOffHandler.class);

    @Override
    public boolean requiresMac() {
        return false;
    }

    @Override
    public Reply handle(ISOMsg request, TerminalSession session) throws ISOException {
        if (session.isSignedIn()) {
            LOG.info("terminal {} signed off", session.tid());
        }
        session.signedOff();
        return Reply.plain(ResponseMessage.answering(request, ResponseCodes.APPROVED));
    }
}
