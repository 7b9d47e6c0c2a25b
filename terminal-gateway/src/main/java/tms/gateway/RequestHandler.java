package tms.gateway;

import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;

import tms.iso8583.MessageFormatException;

/** Answers one kind of terminal request; called on a business thread, never on a Netty I/O thread. */
public interface RequestHandler {

    /**
     * Whether a request of this kind must carry a valid MAC under the session's MAK; yes unless a handler says
     * otherwise, so that forgetting to say so can never open a kind to unauthenticated requests.
     */
    default boolean requiresMac() {
        return true;
    }

    /** For kinds that require a MAC the requester carries the verified terminal and its MAK. */
    Reply handle(ISOMsg request, Requester requester) throws ISOException, MessageFormatException;
}
