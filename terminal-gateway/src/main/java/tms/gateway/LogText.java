package tms.gateway;

/**
 * Terminal-supplied text as it may appear in a log line: control characters (a CR/LF could forge a line)
 * become '?', and long values are cut.
 */
final class LogText {

    private static final int MAX = 40;

    private LogText() {
    }

    static String printable(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(Math.min(value.length(), MAX) + 3);
        for (int i = 0; i < value.length() && i < MAX; i++) {
            char c = value.charAt(i);
            out.append(c < 0x20 || c == 0x7F ? '?' : c);
        }
        return value.length() > MAX ? out.append("...").toString() : out.toString();
    }
}
