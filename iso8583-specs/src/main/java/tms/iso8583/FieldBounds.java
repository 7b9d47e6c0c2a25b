package tms.iso8583;

import org.jpos.iso.ISOException;

/** The one check every field makes before reading: are the bytes it needs actually there. */
final class FieldBounds {

    private FieldBounds() {
    }

    static void require(byte[] b, int offset, int needed, String what) throws ISOException {
        int remaining = b.length - offset;
        if (needed > remaining) {
            throw new ISOException("truncated: " + what + " need" + (needed == 1 ? "s " : " ") + needed
                    + (needed == 1 ? " byte" : " bytes") + " at offset " + offset + " but only " + Math.max(remaining, 0) + " remain");
        }
    }
}
