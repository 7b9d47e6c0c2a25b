package tms.iso8583;

import org.jpos.iso.NullPadder;

/** A variable {@code n...999} field: a two-byte BCD digit count, then the digits in BCD. */
public class LllNumericField extends BcdNumberField {

    /** Instantiated by the packager XML, which sets maximum length, name and alignment. */
    public LllNumericField() {
        super(NullPadder.INSTANCE, BcdLengthPrefix.LLL);
    }
}
