package tms.iso8583;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.Test;

/** A purchase request against bytes encoded by hand, field by field, in {@code purchase-request.hex}. */
class PurchaseGoldenBytesTest {

    static String goldenHex() throws IOException {
        try (InputStream in = PurchaseGoldenBytesTest.class.getResourceAsStream("purchase-request.hex")) {
            StringBuilder hex = new StringBuilder();
            for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                int comment = line.indexOf('#');
                hex.append((comment >= 0 ? line.substring(0, comment) : line).replaceAll("\\s", ""));
            }
            return hex.toString().toUpperCase();
        }
    }

    @Test
    void purchasePacksToTheHandEncodedBytes() throws Exception {
        assertThat(Vectors.hex(CupMessageCodec.pack(Messages.purchase()))).isEqualTo(goldenHex());
    }

    @Test
    void handEncodedBytesUnpackToThePurchase() throws Exception {
        ISOMsg msg = CupMessageCodec.unpack(Vectors.bytes(goldenHex()));
        assertThat(msg.getString(2)).isEqualTo(Messages.PAN);
        assertThat(msg.getString(22)).isEqualTo("021");
        assertThat(msg.getString(35)).isEqualTo(Messages.TRACK2);
        assertThat(msg.getString(60)).isEqualTo("2200012300050");
        assertThat(new String(msg.getBytes(64), StandardCharsets.US_ASCII)).isEqualTo("1A2B3C4D");
        assertThat(MessageKind.of(msg)).contains(MessageKind.PURCHASE);
    }

    @Test
    void trackSeparatorMayBeGivenAsEqualsSign() throws Exception {
        ISOMsg msg = Messages.purchase();
        msg.set(35, Messages.TRACK2.replace('D', '='));
        assertThat(Vectors.hex(CupMessageCodec.pack(msg))).isEqualTo(goldenHex());
    }

    @Test
    void anUnpackedMessageTakesAStringMacAsItsAsciiCharacters() throws Exception {
        // jPOS hex-decodes set(int, String) on binary fields only when a packager is attached; unpack attaches none,
        // so an unpacked request and a freshly built message treat the same call alike.
        ISOMsg unpacked = CupMessageCodec.unpack(Vectors.bytes(goldenHex()));
        assertThat(unpacked.getPackager()).isNull();
        unpacked.set(64, "1A2B3C4D");
        assertThat(Vectors.hex(CupMessageCodec.pack(unpacked))).isEqualTo(goldenHex());
    }
}
