package tms.admin;

import java.util.regex.Pattern;

/**
 * The formats of a unit's three codes and model, as the manifest import and the console check them. Each check
 * returns null when the value is fine, else a sentence naming the value and what to fix.
 */
public final class UnitCodes {

    /** As {@link TerminalFields#requireSerial}: 1 to 32 letters, digits or dashes. */
    static final Pattern SERIAL = Pattern.compile("[A-Za-z0-9-]{1,32}");
    /**
     * A secure-element (PSAM) number: its format is the manufacturer's (PBOC PSAM cards print 12 to 20 digits, some
     * makers add letters), so only what the column holds is enforced: 8 to 32 letters or digits.
     */
    private static final Pattern PSAM = Pattern.compile("[A-Za-z0-9]{8,32}");
    private static final Pattern ICCID_19 = Pattern.compile("89[0-9]{17}");
    /** Chinese operators' 20-character ICCIDs carry letters (the card maker's code, China Unicom's check character). */
    private static final Pattern ICCID_20 = Pattern.compile("89[0-9A-Za-z]{18}");
    private static final Pattern MODEL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._/-]{0,31}");
    private static final Pattern TID = Pattern.compile("[A-Za-z0-9]{8}");
    private static final Pattern MID = Pattern.compile("[A-Za-z0-9]{15}");

    private UnitCodes() {
    }

    public static String serialProblem(String serial) {
        if (serial == null || serial.isEmpty()) {
            return "the serial number is missing";
        }
        return SERIAL.matcher(serial).matches() ? null
                : "serial number '" + serial + "' must be 1 to 32 letters, digits or dashes";
    }

    public static String psamProblem(String psam) {
        if (psam == null || psam.isEmpty()) {
            return "the PSAM number is missing";
        }
        return PSAM.matcher(psam).matches() ? null
                : "PSAM number '" + psam + "' must be 8 to 32 letters or digits";
    }

    /**
     * An ICCID (ITU-T E.118): "89" then 17 digits and a Luhn check digit (19 digits), or the 20-character form in
     * which the last character is the operator's own check (China Mobile, Unicom, Telecom), not a Luhn digit. Null
     * or empty is fine: a card reader that pairs with a phone has no SIM.
     */
    public static String iccidProblem(String iccid) {
        if (iccid == null || iccid.isEmpty()) {
            return null;
        }
        if (ICCID_20.matcher(iccid).matches()) {
            return null;
        }
        if (ICCID_19.matcher(iccid).matches()) {
            return luhnValid(iccid) ? null : "SIM ICCID '" + iccid + "' fails its check digit (Luhn, the 19th digit):"
                    + " a digit is mistyped";
        }
        return "SIM ICCID '" + iccid + "' must start with 89 and have 19 digits or 20 letters and digits";
    }

    public static String modelProblem(String model) {
        if (model == null || model.isEmpty()) {
            return "the model is missing";
        }
        return MODEL.matcher(model).matches() ? null : "model '" + model
                + "' must be 1 to 32 letters, digits, spaces, dots, dashes, underscores or slashes, starting with a"
                + " letter or digit";
    }

    public static String tidProblem(String tid) {
        return tid != null && TID.matcher(tid).matches() ? null : "TID '" + tid + "' must be exactly 8 letters or digits";
    }

    public static String midProblem(String mid) {
        return mid != null && MID.matcher(mid).matches() ? null : "MID '" + mid + "' must be exactly 15 letters or digits";
    }

    static boolean luhnValid(String digits) {
        int sum = 0;
        boolean doubled = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (doubled) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubled = !doubled;
        }
        return sum % 10 == 0;
    }
}
