package tms.gateway;

import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;

/** Starts a response from its request: the response MTI and the fields every answer echoes. */
final class ResponseMessage {

    /** Fields a CUP response carries back unchanged when the request had them. */
    private static final int[] ECHOED = {2, 3, 4, 11, 22, 25, 41, 42, 49, 60, 61};

    private ResponseMessage() {
    }

    static ISOMsg answering(ISOMsg request, String responseCode) throws ISOException {
        ISOMsg response = new ISOMsg();
        response.setMTI(responseMti(request.getMTI()));
        for (int field : ECHOED) {
            if (request.hasField(field)) {
                response.set(request.getComponent(field));
            }
        }
        response.set(39, responseCode);
        return response;
    }

    /** 0200 → 0210, 0800 → 0810: the third digit goes up by one. */
    static String responseMti(String requestMti) {
        char[] digits = requestMti.toCharArray();
        digits[2] = (char) (digits[2] + 1);
        return new String(digits);
    }
}
