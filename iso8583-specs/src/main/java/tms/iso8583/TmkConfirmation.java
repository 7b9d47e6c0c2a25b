package tms.iso8583;

import java.util.Arrays;
import java.util.Map;

import org.jpos.iso.ISOMsg;

/**
 * A terminal's confirmation that it installed the TMK of a download (0800, 60.3 = 603, ours): the check value
 * it computed over the key it decrypted, in field 62 tag 4. The host switches to the new TMK only when this
 * matches the key it sent, so a terminal that never received the download keeps working with the old one.
 */
public record TmkConfirmation(byte[] checkValue) {

    /** 60.3 of the confirmation. */
    public static final String NETWORK_CODE = "603";

    /** Refuses anything but a 4-byte check value; copies it. */
    public TmkConfirmation {
        if (checkValue == null || checkValue.length != 4) {
            throw new IllegalArgumentException("a TMK check value has 4 bytes, got "
                    + (checkValue == null ? "none" : checkValue.length));
        }
        checkValue = checkValue.clone();
    }

    @Override
    public byte[] checkValue() {
        return checkValue.clone();
    }

    public static TmkConfirmation from(ISOMsg message) throws MessageFormatException {
        if (!message.hasField(62)) {
            throw new MessageFormatException("a TMK confirmation needs field 62 with the check value (tag 4)");
        }
        byte[] cv = BinaryTags.parse(message.getBytes(62), 62).get(ActivationResponse.TAG_CHECK_VALUE);
        if (cv == null || cv.length != 4) {
            throw new MessageFormatException("a TMK confirmation needs the new TMK's 4-byte check value in field 62"
                    + " tag 4, got " + (cv == null ? "none" : cv.length + " bytes"));
        }
        return new TmkConfirmation(cv);
    }

    public void writeTo(ISOMsg message) {
        message.set(62, BinaryTags.format(Map.of(ActivationResponse.TAG_CHECK_VALUE, checkValue)));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TmkConfirmation that && Arrays.equals(checkValue, that.checkValue);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(checkValue);
    }

    @Override
    public String toString() {
        return "TmkConfirmation[check value " + java.util.HexFormat.of().withUpperCase().formatHex(checkValue) + "]";
    }
}
