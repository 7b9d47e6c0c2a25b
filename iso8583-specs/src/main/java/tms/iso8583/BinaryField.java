package tms.iso8583;

import org.jpos.iso.NullPrefixer;

/** A fixed-length {@code b} field such as the PIN block (52) and the MAC (64). */
public class BinaryField extends StrictBinaryField {

    /** Instantiated by the packager XML, which sets length (in bytes) and name. */
    public BinaryField() {
        super(NullPrefixer.INSTANCE);
    }
}
