package tms.iso8583;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.Test;

class ActivationMessagesTest {

    private static final byte[] KEY = HexFormat.of().parseHex("3059301306072A8648CE3D020106082A811CCF5501822D03420004" + "AB".repeat(64));

    @Test
    void requestRoundTripsThroughThePackagerAndIsIdentifiedAsActivation() throws Exception {
        ISOMsg m = new ISOMsg();
        m.setMTI("0800");
        m.set(11, "000001");
        m.set(60, Field60.of("00", "000000", ActivationRequest.NETWORK_CODE).format());
        new ActivationRequest("SN-000123", "P2000", "48213907", KEY).writeTo(m);

        byte[] packed = CupMessageCodec.pack(m);
        ISOMsg unpacked = CupMessageCodec.unpack(packed);
        ActivationRequest back = ActivationRequest.from(unpacked);

        assertThat(MessageKind.of(unpacked)).contains(MessageKind.ACTIVATION);
        assertThat(back.serialNumber()).isEqualTo("SN-000123");
        assertThat(back.model()).isEqualTo("P2000");
        assertThat(back.activationCode()).isEqualTo("48213907");
        assertThat(back.devicePublicKey()).isEqualTo(KEY);
        assertThat(unpacked.getString(59)).isEqualTo("SN009SN-000123MD005P2000");
        assertThat(CupMessageCodec.pack(unpacked)).isEqualTo(packed);
        assertThat(back.toString()).doesNotContain("48213907");
    }

    @Test
    void aNationalCipherTerminalAsksForAnSm4TmkInField59() throws Exception {
        ISOMsg m = new ISOMsg();
        m.setMTI("0800");
        m.set(11, "000002");
        m.set(60, Field60.of("00", "000000", ActivationRequest.NETWORK_CODE).format());
        new ActivationRequest("SN-9", "P3000", "48213907", KEY, ActivationRequest.SM4).writeTo(m);
        ISOMsg unpacked = CupMessageCodec.unpack(CupMessageCodec.pack(m));
        assertThat(unpacked.getString(59)).isEqualTo("SN004SN-9MD005P3000KA003SM4");
        assertThat(ActivationRequest.from(unpacked).tmkAlgorithm()).isEqualTo("SM4");

        unpacked.set(59, "SN004SN-9KA003AES");
        assertThatThrownBy(() -> ActivationRequest.from(unpacked)).isInstanceOf(MessageFormatException.class)
                .hasMessageContaining("algorithm 'AES' (tag KA); expected TDES or SM4");
        unpacked.set(59, "SN004SN-9");
        assertThat(ActivationRequest.from(unpacked).tmkAlgorithm()).isEqualTo("TDES");
    }

    @Test
    void responseRoundTripsAndSignedDataIsUnambiguous() throws Exception {
        byte[] tmk = new byte[256];
        tmk[0] = 0x42;
        byte[] cv = HexFormat.of().parseHex("82E13665");
        byte[] sig = new byte[256];
        sig[255] = 0x17;
        ISOMsg m = new ISOMsg();
        m.setMTI("0810");
        m.set(39, "00");
        m.set(41, "10000001");
        new ActivationResponse(tmk, cv, sig).writeTo(m);
        ActivationResponse back = ActivationResponse.from(CupMessageCodec.unpack(CupMessageCodec.pack(m)));
        assertThat(back.encryptedTmk()).isEqualTo(tmk);
        assertThat(back.tmkCheckValue()).isEqualTo(cv);
        assertThat(back.signature()).isEqualTo(sig);

        String mid = "898100012340001";
        assertThat(ActivationResponse.signedData("AB", "10000001", mid, "000042", new byte[] {1}, cv))
                .isEqualTo(HexFormat.of().parseHex("02" + "4142" + "3130303030303031" + "383938313030303132333430303031"
                        + "303030303432" + "01" + "82E13665"));
        assertThat(ActivationResponse.signedData("AB1", "0000001X", mid, "000042", new byte[] {1}, cv))
                .isNotEqualTo(ActivationResponse.signedData("AB", "10000001", mid, "000042", new byte[] {1}, cv));
        assertThat(ActivationResponse.signedData("AB", "10000001", mid, "000043", new byte[] {1}, cv))
                .isNotEqualTo(ActivationResponse.signedData("AB", "10000001", mid, "000042", new byte[] {1}, cv));
    }

    @Test
    void missingPartsAreRefusedNamingWhatIsMissing() throws Exception {
        ISOMsg m = new ISOMsg();
        m.setMTI("0800");
        m.set(59, "MD005P2000");
        m.set(62, BinaryTags.format(Map.of(1, new byte[] {'1'}, 2, KEY)));
        assertThatThrownBy(() -> ActivationRequest.from(m)).isInstanceOf(MessageFormatException.class)
                .hasMessageContaining("no serial number (tag SN)");
        m.set(59, "SN003ABC");
        m.set(62, BinaryTags.format(Map.of(2, KEY)));
        assertThatThrownBy(() -> ActivationRequest.from(m)).hasMessageContaining("no activation code (tag 1)");
        m.unset(62);
        assertThatThrownBy(() -> ActivationRequest.from(m)).hasMessageContaining("needs field 59");
    }

    @Test
    void textTagsRefuseBadLengthsAndRepeats() {
        assertThatThrownBy(() -> TextTags.parse("SN00", 59)).isInstanceOf(MessageFormatException.class)
                .hasMessageContaining("needs 2 characters and a 3-digit length");
        assertThatThrownBy(() -> TextTags.parse("SNx01A", 59)).hasMessageContaining("is not 3 digits");
        assertThatThrownBy(() -> TextTags.parse("SN005ABC", 59)).hasMessageContaining("runs past the end");
        assertThatThrownBy(() -> TextTags.parse("SN001ASN001B", 59)).hasMessageContaining("appears twice");
        Map<String, String> values = new LinkedHashMap<>();
        values.put("AA", "");
        values.put("BB", "x".repeat(999));
        assertThat(TextTags.format(values)).startsWith("AA000BB999x");
    }

    @Test
    void binaryTagsRefuseBadLengthsTagZeroAndRepeats() {
        assertThatThrownBy(() -> BinaryTags.parse(new byte[] {1, 0}, 62)).isInstanceOf(MessageFormatException.class)
                .hasMessageContaining("2-byte length");
        assertThatThrownBy(() -> BinaryTags.parse(new byte[] {1, 0, 5, 9}, 62)).hasMessageContaining("runs past the end");
        assertThatThrownBy(() -> BinaryTags.parse(new byte[] {0, 0, 0}, 62)).hasMessageContaining("tag 0");
        assertThatThrownBy(() -> BinaryTags.parse(new byte[] {1, 0, 0, 1, 0, 0}, 62)).hasMessageContaining("appears twice");
    }
}
