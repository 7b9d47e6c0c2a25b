package tms.gateway;

import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;

/**
 * The fields the host added to an answer, as one string kept beside the captured row, so that a byte-identical
 * retransmission gets the very same answer. The echoed fields are not kept (they come back from the request,
 * which is identical) — field 2 among them, so no card number is stored this way.
 *
 * <p>Each field is its number (2 digits), its length (3 digits) and its characters.
 */
final class StoredAnswer {

    /** Fields a handler sets on top of {@link ResponseMessage}'s echo. */
    private static final int[] HOST_FIELDS = {12, 13, 15, 32, 37, 38, 39, 44, 48, 54, 63};

    private StoredAnswer() {
    }

    static String fieldsOf(ISOMsg response) {
        StringBuilder s = new StringBuilder(96);
        for (int field : HOST_FIELDS) {
            String value = response.getString(field);
            if (value != null) {
                // by hand: String.format costs more than the rest of the capture's row (it runs in the group commit)
                int length = value.length();
                s.append((char) ('0' + field / 10)).append((char) ('0' + field % 10))
                        .append((char) ('0' + length / 100)).append((char) ('0' + length / 10 % 10))
                        .append((char) ('0' + length % 10)).append(value);
            }
        }
        return s.toString();
    }

    /** The answer to {@code request} with the stored fields set again. */
    static ISOMsg rebuild(ISOMsg request, String fields) throws ISOException {
        ISOMsg response = ResponseMessage.answering(request, ResponseCodes.SYSTEM_MALFUNCTION);
        for (int at = 0; at < fields.length(); ) {
            int field = Integer.parseInt(fields.substring(at, at + 2));
            int length = Integer.parseInt(fields.substring(at + 2, at + 5));
            response.set(field, fields.substring(at + 5, at + 5 + length));
            at += 5 + length;
        }
        return response;
    }
}
