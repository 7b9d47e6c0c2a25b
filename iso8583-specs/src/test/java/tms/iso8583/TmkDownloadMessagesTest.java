package tms.iso8583;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.Map;

import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.Test;

class TmkDownloadMessagesTest {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private static ISOMsg network(String code) throws Exception {
        ISOMsg m = new ISOMsg();
        m.setMTI("0800");
        m.set(11, "000007");
        m.set(41, "60000001");
        m.set(42, "898100012340001");
        m.set(60, Field60.of("00", "000001", code).format());
        return m;
    }

    @Test
    void downloadAndConfirmationAreKindsOfTheirOwn() throws Exception {
        assertThat(MessageKind.of(CupMessageCodec.unpack(CupMessageCodec.pack(network("602")))))
                .contains(MessageKind.TMK_DOWNLOAD);
        assertThat(MessageKind.of(CupMessageCodec.unpack(CupMessageCodec.pack(network("603")))))
                .contains(MessageKind.TMK_CONFIRMATION);
    }

    @Test
    void confirmationCarriesTheCheckValueInTag4GoldenBytes() throws Exception {
        ISOMsg m = network(TmkConfirmation.NETWORK_CODE);
        new TmkConfirmation(HEX.parseHex("82E13665")).writeTo(m);
        byte[] packed = CupMessageCodec.pack(m);
        ISOMsg back = CupMessageCodec.unpack(packed);

        // field 62: LLLVAR BCD length 0007, then tag 04, length 0004, the check value
        assertThat(HEX.formatHex(back.getBytes(62))).isEqualTo("04000482E13665");
        assertThat(TmkConfirmation.from(back).checkValue()).isEqualTo(HEX.parseHex("82E13665"));
        assertThat(HEX.formatHex(packed)).contains("0007" + "04000482E13665");
        assertThat(CupMessageCodec.pack(back)).isEqualTo(packed);
    }

    @Test
    void aConfirmationWithoutAUsableCheckValueIsRefused() throws Exception {
        ISOMsg m = network(TmkConfirmation.NETWORK_CODE);
        assertThatThrownBy(() -> TmkConfirmation.from(m)).isInstanceOf(MessageFormatException.class)
                .hasMessageContaining("needs field 62");
        m.set(62, BinaryTags.format(Map.of(4, new byte[3])));
        assertThatThrownBy(() -> TmkConfirmation.from(m)).isInstanceOf(MessageFormatException.class)
                .hasMessageContaining("got 3 bytes");
        m.set(62, BinaryTags.format(Map.of(3, new byte[4])));
        assertThatThrownBy(() -> TmkConfirmation.from(m)).hasMessageContaining("got none");
        assertThatThrownBy(() -> new TmkConfirmation(new byte[5])).isInstanceOf(IllegalArgumentException.class);
    }
}
