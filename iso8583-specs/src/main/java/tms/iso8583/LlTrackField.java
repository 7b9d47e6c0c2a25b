package tms.iso8583;

import org.jpos.iso.NullPadder;

/** Track 2 ({@code z..37}): a one-byte BCD nibble count, then hex nibbles with {@code =} as D, left-aligned. */
public class LlTrackField extends StrictStringField {

    /** Instantiated by the packager XML, which sets maximum length and name. */
    public LlTrackField() {
        super(NullPadder.INSTANCE, PackedNibbles.TRACK, BcdLengthPrefix.LL, "digits");
    }
}
