package tms.iso8583;

import static org.assertj.core.api.Assertions.assertThat;
import static tms.iso8583.Vectors.bytes;
import static tms.iso8583.Vectors.hex;

import java.nio.charset.StandardCharsets;
import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.Test;

/** The two message vectors of PROTOCOL.md §7 unpack to the values listed there and pack back byte for byte. */
class GoldenVectorTest {

    @Test
    void signIn004ResponseUnpacksToItsFieldsAndKeys() throws Exception {
        Frame frame = Frame.parse(bytes(Vectors.SIGN_IN_004_RESPONSE));
        assertThat(hex(frame.tpdu())).isEqualTo("6000000601");
        assertThat(hex(frame.header())).isEqualTo("613200320205");

        ISOMsg msg = CupMessageCodec.unpack(frame.body());
        assertThat(msg.getMTI()).isEqualTo("0810");
        assertThat(msg.getString(11)).isEqualTo("000058");
        assertThat(msg.getString(12)).isEqualTo("092309");
        assertThat(msg.getString(13)).isEqualTo("0213");
        assertThat(msg.getString(32)).isEqualTo("01031000");
        assertThat(msg.getString(37)).isEqualTo("046879087564");
        assertThat(msg.getString(39)).isEqualTo("00");
        assertThat(msg.getString(41)).isEqualTo("09101515");
        assertThat(msg.getString(42)).isEqualTo("308350193990080");
        assertThat(msg.getString(60)).isEqualTo("00000001004");
        assertThat(Field60.parse(msg.getString(60))).isEqualTo(Field60.of("00", "000001", "004"));
        assertThat(msg.getBytes(62)).hasSize(60);
        for (int field = 2; field <= 64; field++) {
            boolean expected = java.util.Set.of(11, 12, 13, 32, 37, 39, 41, 42, 60, 62).contains(field);
            assertThat(msg.hasField(field)).as("field %d present", field).isEqualTo(expected);
        }

        WorkingKeys keys = WorkingKeys.decode(msg.getBytes(62));
        assertThat(keys.layout()).isEqualTo(SignInKeyLayout.WITH_TDK_004);
        assertThat(hex(keys.pik())).isEqualTo("950973182317F80B950973182317F80B");
        assertThat(hex(keys.pikCheckValue())).isEqualTo("00962B60");
        assertThat(hex(keys.mak())).isEqualTo("F679786E2411E3DE");
        assertThat(hex(keys.makCheckValue())).isEqualTo("ADC67D84");
        assertThat(hex(keys.tdk())).isEqualTo("A0C45C59F1E549BBA0C45C59F1E549BB");
        assertThat(hex(keys.tdkCheckValue())).isEqualTo("E2F24340");
        assertThat(hex(keys.encode())).isEqualTo(hex(msg.getBytes(62)));

        assertThat(hex(CupMessageCodec.pack(msg))).isEqualTo(hex(frame.body()));
        assertThat(hex(frame.toBytes())).isEqualTo(Vectors.SIGN_IN_004_RESPONSE);
    }

    @Test
    void contactlessPurchaseUnpacksToItsFields() throws Exception {
        byte[] body = bytes(Vectors.CONTACTLESS_PURCHASE);
        ISOMsg msg = CupMessageCodec.unpack(body);

        assertThat(msg.getMTI()).isEqualTo("0200");
        assertThat(msg.getString(2)).isEqualTo("6217857600008050804");
        assertThat(msg.getString(3)).isEqualTo("000000");
        assertThat(msg.getString(4)).isEqualTo("000000000001");
        assertThat(msg.getString(11)).isEqualTo("000105");
        assertThat(msg.getString(12)).isEqualTo("161243");
        assertThat(msg.getString(13)).isEqualTo("0209");
        assertThat(msg.getString(14)).isEqualTo("2308");
        assertThat(msg.getString(22)).isEqualTo("071");
        assertThat(msg.getString(23)).isEqualTo("001");
        assertThat(msg.getString(25)).isEqualTo("00");
        assertThat(msg.getString(26)).isEqualTo("12");
        assertThat(msg.getString(35)).isEqualTo("6217857600008050804D23082201000082300");
        assertThat(msg.getString(41)).isEqualTo("92336787");
        assertThat(msg.getString(42)).isEqualTo("847100053990002");
        assertThat(msg.getString(49)).isEqualTo("156");
        assertThat(hex(msg.getBytes(52))).isEqualTo("7D6A7408DFE2E9E5");
        assertThat(msg.getString(53)).isEqualTo("2600000000000000");
        assertThat(msg.getBytes(55)).hasSize(145);
        assertThat(hex(msg.getBytes(55))).startsWith("9F26089C0A057796D091E3").endsWith("9F410400000002");
        assertThat(msg.getString(60)).isEqualTo("220000010006");
        assertThat(Field60.parse(msg.getString(60)))
                .isEqualTo(new Field60("22", "000001", "000", "6", null, null, null));
        assertThat(new String(msg.getBytes(64), StandardCharsets.US_ASCII)).isEqualTo("D37CEFE6");
        assertThat(MessageKind.of(msg)).contains(MessageKind.PURCHASE);

        assertThat(hex(CupMessageCodec.pack(msg))).isEqualTo(Vectors.CONTACTLESS_PURCHASE);
    }

    @Test
    void jposOwnLoopOverTheSharedPackagerReadsAndWritesTheSameBytes() throws Exception {
        // The codec walks the bitmap itself; jPOS's ISOBasePackager must agree with it on the same definition.
        for (String vector : new String[] {Vectors.CONTACTLESS_PURCHASE, Vectors.SIGN_IN_004_RESPONSE.substring(22)}) {
            ISOMsg viaJpos = new ISOMsg();
            viaJpos.setPackager(CupPackager.shared());
            viaJpos.unpack(bytes(vector));
            ISOMsg viaCodec = CupMessageCodec.unpack(bytes(vector));
            for (int field = 0; field <= 64; field++) {
                assertThat(viaJpos.hasField(field)).as("field %d", field).isEqualTo(viaCodec.hasField(field));
                if (viaCodec.hasField(field) && viaCodec.getValue(field) instanceof String) {
                    assertThat(viaJpos.getString(field)).as("field %d", field).isEqualTo(viaCodec.getString(field));
                }
            }
            assertThat(hex(viaJpos.pack())).isEqualTo(vector);
        }
    }

    @Test
    void macBlockInputIsTheBodyWithoutTheTrailingMacAndKeepsBit64() throws Exception {
        byte[] body = bytes(Vectors.CONTACTLESS_PURCHASE);
        byte[] mab = CupMessageCodec.macBlockInput(body);
        assertThat(hex(mab)).isEqualTo(Vectors.CONTACTLESS_PURCHASE.substring(0, Vectors.CONTACTLESS_PURCHASE.length() - 16));
        assertThat(hex(mab)).as("field 60, LLL 0012 + 220000010006, is the last thing MACed").endsWith("0012220000010006");
        assertThat(mab[9] & 0x01).as("bit 64 stays set in the MAB's bitmap").isEqualTo(1);

        byte[] signIn = new Frame(bytes("6000000601"), bytes("613200320205"),
                bytes(Vectors.SIGN_IN_004_RESPONSE.substring(22))).body();
        assertThat(CupMessageCodec.macBlockInput(signIn)).as("no bit 64: the whole body").isEqualTo(signIn);
    }
}
