package tms.iso8583;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One test per way a body can be wrong; each must be refused with a {@link MessageFormatException} naming the
 * field and the problem. Offsets refer to the hand-encoded purchase in {@code purchase-request.hex}.
 */
class MalformedMessageTest {

    private static final int FIELD_2_PREFIX = 10;
    private static final int FIELD_2_LAST_BYTE = 20;
    private static final int FIELD_4 = 24;
    private static final int FIELD_60_PREFIX = 99;

    private byte[] purchase;

    @BeforeEach
    void loadPurchase() throws Exception {
        purchase = Vectors.bytes(PurchaseGoldenBytesTest.goldenHex());
        // the offsets above are only meaningful if they still point where they claim
        assertByte(FIELD_2_PREFIX, 0x19);
        assertByte(FIELD_2_LAST_BYTE, 0x30);
        assertByte(FIELD_4 + 5, 0x45);
        assertByte(FIELD_60_PREFIX + 1, 0x13);
    }

    private void assertByte(int offset, int expected) {
        if ((purchase[offset] & 0xFF) != expected) {
            throw new IllegalStateException(String.format("purchase-request.hex changed: byte %d is %02X, not %02X",
                    offset, purchase[offset] & 0xFF, expected));
        }
    }

    private static void assertRefused(byte[] body, String... fragments) {
        assertThatThrownBy(() -> CupMessageCodec.unpack(body))
                .isExactlyInstanceOf(MessageFormatException.class)
                .message().contains(fragments);
    }

    @Test
    void nullBody() {
        assertRefused(null, "null");
    }

    @Test
    void bodyShorterThanTheMti() {
        assertRefused(new byte[] {0x02}, "MTI", "truncated");
    }

    @Test
    void bodyShorterThanTheBitmap() {
        assertRefused(Arrays.copyOf(purchase, 6), "bitmap", "truncated", "8 bytes");
    }

    @Test
    void truncatedField4() {
        assertRefused(Arrays.copyOf(purchase, FIELD_4 + 3), "field 4 (amount)", "truncated", "6 bytes", "only 3 remain");
    }

    @Test
    void truncatedInsideALengthPrefix() {
        assertRefused(Arrays.copyOf(purchase, FIELD_60_PREFIX + 1), "field 60", "truncated", "length prefix");
    }

    @Test
    void truncatedLastField() {
        assertRefused(Arrays.copyOf(purchase, purchase.length - 1), "field 64 (MAC)", "truncated");
    }

    @Test
    void nonBcdNibbleInTheMti() {
        purchase[1] = (byte) 0xA0;
        assertRefused(purchase, "MTI", "nibble A", "not BCD");
    }

    @Test
    void nonBcdNibbleInField4() {
        purchase[FIELD_4 + 4] = (byte) 0x2B;
        assertRefused(purchase, "field 4 (amount)", "nibble B", "digit 10", "not BCD");
    }

    @Test
    void nonBcdNibbleInAnLlPrefix() {
        purchase[FIELD_2_PREFIX] = 0x1A;
        assertRefused(purchase, "field 2 (PAN)", "length prefix 1A", "not BCD");
    }

    @Test
    void nonBcdNibbleInAnLllPrefix() {
        purchase[FIELD_60_PREFIX] = (byte) 0xF0;
        assertRefused(purchase, "field 60", "length prefix F013", "not BCD");
    }

    @Test
    void field2LengthOf99ExceedsItsMaximum() {
        purchase[FIELD_2_PREFIX] = (byte) 0x99;
        assertRefused(purchase, "field 2 (PAN)", "declared length 99 exceeds the maximum of 19 digits");
    }

    @Test
    void field62Declaring600BytesExceedsItsMaximum() throws Exception {
        ISOMsg msg = Messages.signInResponse(Messages.keys(SignInKeyLayout.WITH_TDK_004), "004");
        byte[] body = CupMessageCodec.pack(msg);
        int prefix = body.length - 60 - 2;
        if (body[prefix] != 0x00 || body[prefix + 1] != 0x60) {
            throw new IllegalStateException("field 62 is expected last, with LLL 0060");
        }
        byte[] declared600 = Arrays.copyOf(body, prefix + 2 + 600);
        declared600[prefix] = 0x06;
        declared600[prefix + 1] = 0x00;
        assertRefused(declared600, "field 62", "declared length 600 exceeds the maximum of 512 bytes");
    }

    @Test
    void nonZeroPadNibbleInALeftAlignedField() {
        purchase[FIELD_2_LAST_BYTE] = 0x3F;
        assertRefused(purchase, "field 2 (PAN)", "pad nibble is F");
    }

    @Test
    void secondaryBitmap() {
        purchase[2] |= (byte) 0x80;
        assertRefused(purchase, "bit 1", "secondary bitmap");
    }

    @Test
    void bitForAFieldTheDialectDoesNotDefine() {
        purchase[2] |= 0x08; // bit 5
        assertRefused(purchase, "bit 5", "defines no field 5");
    }

    @Test
    void trailingBytesAfterTheLastField() {
        byte[] longer = Arrays.copyOf(purchase, purchase.length + 3);
        assertRefused(longer, "3 trailing bytes after field 64");
    }

    @Test
    void trailingBytesAfterABareBitmap() {
        byte[] body = Vectors.bytes("0800" + "0000000000000000" + "FF");
        assertRefused(body, "1 trailing bytes after the bitmap");
    }

    // --- packing

    private static void assertNotPacked(ISOMsg msg, String... fragments) {
        assertThatThrownBy(() -> CupMessageCodec.pack(msg))
                .isExactlyInstanceOf(MessageFormatException.class)
                .message().contains(fragments);
    }

    @Test
    void packRefusesALetterInAnAmount() throws Exception {
        ISOMsg msg = Messages.purchase();
        msg.set(4, "00000001234X");
        assertNotPacked(msg, "field 4 (amount) cannot be packed", "'X'", "not a decimal digit");
    }

    @Test
    void packRefusesATooLongPan() throws Exception {
        ISOMsg msg = Messages.purchase();
        msg.set(2, "62220212345678901234");
        assertNotPacked(msg, "field 2 (PAN) cannot be packed", "20", "19");
    }

    @Test
    void packRefusesAFieldTheDialectDoesNotDefine() throws Exception {
        ISOMsg msg = Messages.purchase();
        msg.set(5, "000000000100");
        assertNotPacked(msg, "field 5", "defines no field 5");
    }

    @Test
    void packRefusesAFieldThatWouldNeedASecondaryBitmap() throws Exception {
        ISOMsg msg = Messages.purchase();
        msg.set(70, "301");
        assertNotPacked(msg, "field 70", "primary bitmap");
    }

    @Test
    void packRefusesAMissingMti() throws Exception {
        ISOMsg msg = Messages.purchase();
        msg.unset(0);
        assertNotPacked(msg, "MTI", "missing");
    }

    @Test
    void packRefusesAPinBlockThatIsNot8Bytes() throws Exception {
        ISOMsg msg = Messages.purchase();
        msg.set(52, new byte[7]);
        assertNotPacked(msg, "field 52 (PIN block) cannot be packed", "7 bytes", "exactly 8");
    }

    @Test
    void packRefusesANonHexTrack() throws Exception {
        ISOMsg msg = Messages.purchase();
        msg.set(35, "6222021234567890123?2512");
        assertNotPacked(msg, "field 35 (track 2) cannot be packed", "'?'");
    }

    @Test
    void packRefusesTextThatDoesNotFitOneByteACharacter() throws Exception {
        ISOMsg msg = Messages.purchaseResponse();
        msg.set(63, "CUP银联");
        assertNotPacked(msg, "field 63", "'银'", "position 4", "one byte");
    }

    @Test
    void packRefusesNull() {
        assertNotPacked(null, "null");
    }
}
