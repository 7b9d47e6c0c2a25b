package tms.admin;

import tms.store.ApplicationKind;

/**
 * What the merchant's signed form says, as entered: checked field by field on construction. On a resubmission the
 * images may be null (the ones on file stay). {@link #toString()} shows only the masked ID number.
 */
public record ApplicationForm(ApplicationKind kind, String serialNumber, String mid, String merchantName,
                              Province province, String address, String contactPhone, NationalIdNumber idNumber,
                              IdCardImage front, IdCardImage back) {

    public ApplicationForm {
        if (kind == null) {
            throw new ApplicationFieldRefused("choose the kind of application: ACTIVATION, CHANGE or REVOCATION");
        }
        serialNumber = text("the terminal's serial number", serialNumber, 1, 32);
        if (!serialNumber.matches("[A-Za-z0-9-]+")) {
            throw new ApplicationFieldRefused("the serial number '" + serialNumber
                    + "' must be letters, digits or dashes, as on the terminal's label");
        }
        mid = text("the MID", mid, 15, 15);
        if (!mid.matches("[0-9A-Za-z]{15}")) {
            throw new ApplicationFieldRefused("the MID '" + mid + "' must be exactly 15 letters or digits");
        }
        merchantName = text("the merchant's name", merchantName, 1, 100);
        if (province == null) {
            throw new ApplicationFieldRefused("choose the province of the installation address");
        }
        address = text("the installation address", address, 4, 200);
        contactPhone = text("the contact phone number", contactPhone, 7, 20);
        if (!contactPhone.matches("\\+?[0-9][0-9 -]{5,18}[0-9]")) {
            throw new ApplicationFieldRefused("the contact phone number '" + contactPhone
                    + "' must be digits (spaces, dashes and a leading + allowed), 7 to 20 characters");
        }
        if (idNumber == null) {
            throw new ApplicationFieldRefused("fill in the merchant's ID number (18 characters from the ID card)");
        }
    }

    /**
     * Trimmed text of a length in range, on one line, and not starting like a spreadsheet formula: these fields go
     * into the platform's CSV, which people also open in spreadsheets.
     */
    private static String text(String what, String value, int min, int max) {
        String v = value == null ? "" : value.strip();
        if (v.isEmpty()) {
            throw new ApplicationFieldRefused("fill in " + what);
        }
        if (v.length() < min || v.length() > max) {
            throw new ApplicationFieldRefused(what + " must be " + (min == max ? min : min + " to " + max)
                    + " characters; it has " + v.length());
        }
        if (v.chars().anyMatch(Character::isISOControl)) {
            throw new ApplicationFieldRefused(what + " must be one line of text, without tabs or line breaks");
        }
        if ("=+-@".indexOf(v.charAt(0)) >= 0) {
            throw new ApplicationFieldRefused(what + " must not start with = + - or @ (spreadsheets would read it as "
                    + "a formula)");
        }
        return v;
    }

    @Override
    public String toString() {
        return "ApplicationForm[" + kind + " " + serialNumber + ", MID " + mid + ", ID " + idNumber + "]";
    }
}
