package tms.iso8583;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jpos.iso.ISOMsg;

/**
 * What a new terminal sends to be activated (ours, 0800 with 60.3 = 601; docs/protocol.md): its serial and
 * model in field 59 (tags {@code SN}, {@code MD}), the activation code and its public key (DER
 * SubjectPublicKeyInfo) in field 62 (tags 1 and 2). A terminal of the national-cipher profile (sign-in 006) asks
 * for an SM4 TMK with tag {@code KA} = {@code SM4} in field 59; without it the TMK is Triple DES.
 */
public record ActivationRequest(String serialNumber, String model, String activationCode, byte[] devicePublicKey,
                                String tmkAlgorithm) {

    public static final String NETWORK_CODE = "601";
    /** The TMK algorithm when the request names none. */
    public static final String TDES = "TDES";
    /** The TMK algorithm of the national-cipher profile. */
    public static final String SM4 = "SM4";

    /** A request for a Triple DES TMK. */
    public ActivationRequest(String serialNumber, String model, String activationCode, byte[] devicePublicKey) {
        this(serialNumber, model, activationCode, devicePublicKey, TDES);
    }

    public ActivationRequest {
        if (!TDES.equals(tmkAlgorithm) && !SM4.equals(tmkAlgorithm)) {
            throw new IllegalArgumentException("TMK algorithm is '" + tmkAlgorithm + "'; expected TDES or SM4");
        }
    }
    static final int TAG_CODE = 1;
    static final int TAG_PUBLIC_KEY = 2;

    public static ActivationRequest from(ISOMsg message) throws MessageFormatException {
        if (!message.hasField(59) || !message.hasField(62)) {
            throw new MessageFormatException("an activation request needs field 59 (serial, model) and field 62"
                    + " (activation code, device public key)");
        }
        Map<String, String> text = TextTags.parse(message.getString(59), 59);
        Map<Integer, byte[]> binary = BinaryTags.parse(message.getBytes(62), 62);
        String serial = text.get("SN");
        byte[] code = binary.get(TAG_CODE);
        byte[] key = binary.get(TAG_PUBLIC_KEY);
        if (serial == null || serial.isEmpty()) {
            throw new MessageFormatException("field 59 has no serial number (tag SN)");
        }
        if (code == null || code.length == 0) {
            throw new MessageFormatException("field 62 has no activation code (tag 1)");
        }
        if (key == null || key.length == 0) {
            throw new MessageFormatException("field 62 has no device public key (tag 2)");
        }
        String algorithm = text.getOrDefault("KA", TDES);
        if (!TDES.equals(algorithm) && !SM4.equals(algorithm)) {
            throw new MessageFormatException("field 59 asks for a TMK of algorithm '" + algorithm
                    + "' (tag KA); expected TDES or SM4");
        }
        return new ActivationRequest(serial, text.get("MD"), new String(code, StandardCharsets.US_ASCII), key,
                algorithm);
    }

    /** Sets fields 59 and 62 of an activation request. */
    public void writeTo(ISOMsg message) {
        Map<String, String> text = new LinkedHashMap<>();
        text.put("SN", serialNumber);
        if (model != null) {
            text.put("MD", model);
        }
        if (!TDES.equals(tmkAlgorithm)) {
            text.put("KA", tmkAlgorithm);
        }
        Map<Integer, byte[]> binary = new LinkedHashMap<>();
        binary.put(TAG_CODE, activationCode.getBytes(StandardCharsets.US_ASCII));
        binary.put(TAG_PUBLIC_KEY, devicePublicKey);
        message.set(59, TextTags.format(text));
        message.set(62, BinaryTags.format(binary));
    }

    @Override
    public String toString() {
        // the activation code is a secret until it is used: never in a log
        return "ActivationRequest[serial=" + serialNumber + ", model=" + model + ", code=[hidden], key="
                + devicePublicKey.length + " bytes, tmk " + tmkAlgorithm + "]";
    }
}
