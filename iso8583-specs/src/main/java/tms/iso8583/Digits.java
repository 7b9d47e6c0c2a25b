package tms.iso8583;

/** Checks shared by the sub-field codecs: a value made only of ASCII digits. */
final class Digits {

    private Digits() {
    }

    static boolean only(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** @throws IllegalArgumentException unless {@code value} is exactly {@code length} digits */
    static void require(String part, String value, int length) {
        if (value == null || value.length() != length || !only(value)) {
            throw new IllegalArgumentException(part + " must be " + length + " digits, got " + (value == null ? "null" : "\"" + value + "\""));
        }
    }
}
