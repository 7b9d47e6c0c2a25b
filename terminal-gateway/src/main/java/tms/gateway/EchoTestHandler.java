package tms.gateway;

import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;

/** Echo test (0820, 60.3 = 301): proves the link is alive. */
public final class EchoTestHandler implements RequestHandler {

    private final HostClock clock;

    public EchoTestHandler(HostClock clock) {
        this.clock = clock;
    }

    @Override
    public boolean requiresMac() {
        return false;
    }

    @Override
    public Reply handle(ISOMsg request, Requester requester) throws ISOException {
        ISOMsg response = ResponseMessage.answering(request, ResponseCodes.APPROVED);
        var now = clock.now();
        clock.stamp(response, now);
        return Reply.plain(response);
    }
}
