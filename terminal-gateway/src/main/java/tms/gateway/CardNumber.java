package tms.gateway;

import org.jpos.iso.ISOMsg;

/** Finds the card number of a request: field 2, or the part of track 2 before its separator. */
final class CardNumber {

    private CardNumber() {
    }

    /** The PAN, or null when the request carries none or it is not 13–19 digits. */
    static String of(ISOMsg request) {
        String pan = request.getString(2);
        if (pan == null && request.hasField(35)) {
            String track2 = request.getString(35);
            int separator = indexOfSeparator(track2);
            pan = separator < 0 ? null : track2.substring(0, separator);
        }
        if (pan == null || pan.length() < 13 || pan.length() > 19) {
            return null;
        }
        for (int i = 0; i < pan.length(); i++) {
            if (!Character.isDigit(pan.charAt(i))) {
                return null;
            }
        }
        return pan;
    }

    private static int indexOfSeparator(String track2) {
        for (int i = 0; i < track2.length(); i++) {
            char c = track2.charAt(i);
            if (c == '=' || c == 'D' || c == 'd') {
                return i;
            }
        }
        return -1;
    }
}
