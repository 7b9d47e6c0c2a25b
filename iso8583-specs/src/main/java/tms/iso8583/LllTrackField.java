package tms.iso8583;

import org.jpos.iso.NullPadder;

/** Track 3 ({@code z...104}): a two-byte BCD nibble count, then hex nibbles with {@code =} as D, left-aligned. */
public class LllTrackField extends StrictStringField {

    /** Instantiated by the packager XML, which sets maximum length and name. */
    public LllTrackField() {
        super(NullPadder.INSTANCE, PackedNibbles.TRACK, BcdLengthPrefix.LLL, "digits");
    }
}
