package tms.iso8583;

import org.jpos.iso.NullPadder;

/** A variable {@code ans...999} field: a two-byte BCD byte count, then ASCII. */
public class LllTextField extends StrictStringField {

    /** Instantiated by the packager XML, which sets maximum length and name. */
    public LllTextField() {
        super(NullPadder.INSTANCE, SingleByteText.INSTANCE, BcdLengthPrefix.LLL, "bytes");
    }
}
