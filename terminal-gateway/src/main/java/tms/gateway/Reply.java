package tms.gateway;

import org.jpos.iso.ISOMsg;

/**
 * A handler's answer to one request.
 *
 * @param message          the response, without field 64
 * @param macked           whether the gateway adds field 64 under the session's MAK
 * @param processingNibble the header's processing requirement (0 none, 3 re-sign-in, ...)
 */
public record Reply(ISOMsg message, boolean macked, int processingNibble) {

    public static Reply plain(ISOMsg message) {
        return new Reply(message, false, 0);
    }

    public static Reply macked(ISOMsg message) {
        return new Reply(message, true, 0);
    }

    /** A MACed answer to {@code request} that says no more than its response code (a refusal, mostly). */
    static Reply macked(ISOMsg request, String responseCode) throws org.jpos.iso.ISOException {
        return macked(ResponseMessage.answering(request, responseCode));
    }
}
