package tms.gateway;

/**
 * The parts of a PAN a captured row keeps: first 6 and last 4. (The masked form for logs is
 * {@link tms.iso8583.MaskedMessage#truncatedPan}.)
 */
public final class PanDisplay {

    private PanDisplay() {
    }

    public static String first6(String pan) {
        return pan == null || pan.length() < 10 ? null : pan.substring(0, 6);
    }

    public static String last4(String pan) {
        return pan == null || pan.length() < 10 ? null : pan.substring(pan.length() - 4);
    }
}
