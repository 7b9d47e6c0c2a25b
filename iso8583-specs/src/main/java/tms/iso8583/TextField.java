package tms.iso8583;

import org.jpos.iso.NullPrefixer;
import org.jpos.iso.RightPadder;

/** A fixed-length {@code an}/{@code ans} field: ASCII, a short value is space-filled on the right. */
public class TextField extends StrictStringField {

    /** Instantiated by the packager XML, which sets length and name. */
    public TextField() {
        super(RightPadder.SPACE_PADDER, SingleByteText.INSTANCE, NullPrefixer.INSTANCE, "bytes");
    }
}
