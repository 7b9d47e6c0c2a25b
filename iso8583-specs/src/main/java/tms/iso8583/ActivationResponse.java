package tms.iso8583;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jpos.iso.ISOMsg;

/**
 * The host's answer to an activation (ours; docs/protocol.md): TID and MID in 41/42, the TMK encrypted under
 * the device's public key and its check value in field 62 (tags 3 and 4), and the host's signature over
 * {@link #signedData} in field 59 (tag {@code SG}, hex). The answer to a TMK download (60.3 = 602) carries
 * a new TMK in the same fields, signed the same way.
 */
public record ActivationResponse(byte[] encryptedTmk, byte[] tmkCheckValue, byte[] signature) {

    static final int TAG_ENCRYPTED_TMK = 3;
    static final int TAG_CHECK_VALUE = 4;

    public static ActivationResponse from(ISOMsg message) throws MessageFormatException {
        if (!message.hasField(59) || !message.hasField(62)) {
            throw new MessageFormatException("an approved activation response needs fields 59 and 62");
        }
        Map<Integer, byte[]> binary = BinaryTags.parse(message.getBytes(62), 62);
        String signature = TextTags.parse(message.getString(59), 59).get("SG");
        byte[] tmk = binary.get(TAG_ENCRYPTED_TMK);
        byte[] cv = binary.get(TAG_CHECK_VALUE);
        if (tmk == null || cv == null || cv.length != 4 || signature == null) {
            throw new MessageFormatException("activation response lacks the encrypted TMK (62 tag 3), its 4-byte"
                    + " check value (62 tag 4) or the host signature (59 tag SG)");
        }
        try {
            return new ActivationResponse(tmk, cv, HexFormat.of().parseHex(signature));
        } catch (IllegalArgumentException e) {
            throw new MessageFormatException("field 59 tag SG is not hexadecimal");
        }
    }

    public void writeTo(ISOMsg message) {
        Map<Integer, byte[]> binary = new LinkedHashMap<>();
        binary.put(TAG_ENCRYPTED_TMK, encryptedTmk);
        binary.put(TAG_CHECK_VALUE, tmkCheckValue);
        message.set(62, BinaryTags.format(binary));
        message.set(59, TextTags.format(Map.of("SG", HexFormat.of().withUpperCase().formatHex(signature))));
    }

    /**
     * What the host signs: the serial's length (1 byte) and ASCII bytes, the TID (8 ASCII bytes), the MID
     * (15), the trace of the request it answers (6), the encrypted TMK and its check value. The length byte
     * keeps two different serial/TID splits from signing the same bytes; the MID binds the merchant the
     * device is told; the trace ties the answer to this request, so an old answer replayed to a device
     * that counts its traces does not verify.
     */
    public static byte[] signedData(String serialNumber, String tid, String mid, String trace, byte[] encryptedTmk,
                                    byte[] checkValue) {
        byte[] serial = serialNumber.getBytes(StandardCharsets.US_ASCII);
        if (serial.length > 255) {
            throw new IllegalArgumentException("serial number has " + serial.length + " characters; at most 255");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(serial.length);
        out.writeBytes(serial);
        out.writeBytes(fixed(tid, 8, "TID"));
        out.writeBytes(fixed(mid, 15, "MID"));
        out.writeBytes(fixed(trace, 6, "trace"));
        out.writeBytes(encryptedTmk);
        out.writeBytes(checkValue);
        return out.toByteArray();
    }

    private static byte[] fixed(String value, int length, String what) {
        if (value == null || value.length() != length) {
            throw new IllegalArgumentException(what + " must be " + length + " characters to be signed, was "
                    + (value == null ? "missing" : value.length()));
        }
        return value.getBytes(StandardCharsets.US_ASCII);
    }
}
