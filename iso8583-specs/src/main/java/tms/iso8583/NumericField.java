package tms.iso8583;

import org.jpos.iso.LeftPadder;
import org.jpos.iso.NullPrefixer;

/** A fixed-length {@code n} field (and the MTI): BCD, a short value is zero-filled on the left. */
public class NumericField extends BcdNumberField {

    /** Instantiated by the packager XML, which sets length, name and alignment. */
    public NumericField() {
        super(LeftPadder.ZERO_PADDER, NullPrefixer.INSTANCE);
    }
}
