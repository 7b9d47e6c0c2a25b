package tms.admin;

/** The checks every technician action applies to the identifiers it is given. */
final class TerminalFields {

    private TerminalFields() {
    }

    static void requireSerial(String serialNumber) {
        if (serialNumber == null || !UnitCodes.SERIAL.matcher(serialNumber).matches()) {
            throw new TerminalActionRefused("serial number '" + serialNumber + "' must be 1 to 32 letters, digits or dashes");
        }
    }

    static void requireMid(String mid) {
        if (mid == null || !mid.matches("[0-9A-Za-z]{15}")) {
            throw new TerminalActionRefused("MID '" + mid + "' must be exactly 15 letters or digits");
        }
    }
}
