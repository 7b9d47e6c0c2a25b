package tms.gateway;

/** The only forms of a PAN that may leave a request: first 6, last 4, and the masked join of both. */
public final class PanDisplay {

    private PanDisplay() {
    }

    public static String first6(String pan) {
        return pan == null || pan.length() < 10 ? null : pan.substring(0, 6);
    }

    public static String last4(String pan) {
        return pan == null || pan.length() < 10 ? null : pan.substring(pan.length() - 4);
    }

    public static String masked(String pan) {
        if (pan == null) {
            return "null";
        }
        if (pan.length() < 10) {
            return "*".repeat(pan.length());
        }
        return pan.substring(0, 6) + "*".repeat(pan.length() - 10) + pan.substring(pan.length() - 4);
    }
}
