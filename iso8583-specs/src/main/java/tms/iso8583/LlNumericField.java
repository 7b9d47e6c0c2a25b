package tms.iso8583;

import org.jpos.iso.NullPadder;

/** A variable {@code n..99} field: a one-byte BCD digit count, then the digits in BCD. */
public class LlNumericField extends BcdNumberField {

    /** Instantiated by the packager XML, which sets maximum length, name and alignment. */
    public LlNumericField() {
        super(NullPadder.INSTANCE, BcdLengthPrefix.LL);
    }
}
