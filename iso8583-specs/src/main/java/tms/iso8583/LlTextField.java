package tms.iso8583;

import org.jpos.iso.NullPadder;

/** A variable {@code ans..99} field: a one-byte BCD byte count, then ASCII. */
public class LlTextField extends StrictStringField {

    /** Instantiated by the packager XML, which sets maximum length and name. */
    public LlTextField() {
        super(NullPadder.INSTANCE, SingleByteText.INSTANCE, BcdLengthPrefix.LL, "bytes");
    }
}
