package tms.gateway;

import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;

import tms.iso8583.MessageFormatException;

/** Answers one kind of terminal request; called on a business thread, never on a Netty I/O thread. */
public interface RequestHandler {

    /** Whether a request of this kind must carry a valid MAC under the session's MAK. */
    boolean requiresMac();

    Reply handle(ISOMsg request, TerminalSession session) throws ISOException, MessageFormatException;
}
