package tms.iso8583;

/** A variable {@code b...999} field such as ICC data (55) and the sign-in keys (62): two-byte BCD byte count, then bytes. */
public class LllBinaryField extends StrictBinaryField {

    /** Instantiated by the packager XML, which sets maximum length (in bytes) and name. */
    public LllBinaryField() {
        super(BcdLengthPrefix.LLL);
    }
}
