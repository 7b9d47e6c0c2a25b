package tms.iso8583;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static tms.iso8583.Vectors.bytes;
import static tms.iso8583.Vectors.hex;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Framing, with the TPDU {@code 6000000601} and header {@code 613200320205} of the §7 004 vector. */
class FrameTest {

    private static final byte[] VECTOR = bytes(Vectors.SIGN_IN_004_RESPONSE);

    @Test
    void parseSplitsTpduHeaderAndBody() throws Exception {
        Frame frame = Frame.parse(VECTOR);
        assertThat(hex(frame.tpdu())).isEqualTo("6000000601");
        assertThat(hex(frame.header())).isEqualTo("613200320205");
        assertThat(hex(frame.body())).isEqualTo(Vectors.SIGN_IN_004_RESPONSE.substring(22));
        assertThat(frame.terminalStatus()).isZero();
        assertThat(frame.processingNibble()).isZero();
        assertThat(frame.toBytes()).isEqualTo(VECTOR);
    }

    @Test
    void toBytesWithLengthPrefixesTheBigEndianLength() throws Exception {
        byte[] withLength = Frame.parse(VECTOR).toBytesWithLength();
        assertThat(VECTOR.length).isEqualTo(141);
        assertThat(hex(Arrays.copyOf(withLength, 2))).isEqualTo("008D");
        assertThat(Arrays.copyOfRange(withLength, 2, withLength.length)).isEqualTo(VECTOR);
    }

    @Test
    void replySwapsDestinationAndSourceAndSetsTheProcessingNibble() throws Exception {
        Frame request = Frame.parse(VECTOR);
        byte[] replyBody = bytes("0830" + "0000000000000000");
        Frame reply = request.reply(replyBody, 3);
        assertThat(hex(reply.tpdu())).isEqualTo("6006010000");
        assertThat(hex(reply.header())).isEqualTo("613203320205");
        assertThat(reply.processingNibble()).isEqualTo(3);
        assertThat(reply.terminalStatus()).isZero();
        assertThat(reply.body()).isEqualTo(replyBody);
        assertThat(hex(reply.toBytes())).isEqualTo("6006010000" + "613203320205" + "08300000000000000000");
    }

    @Test
    void replyKeepsTheTerminalStatusAndReplacesAnEarlierNibble() {
        Frame testTerminal = Frame.request(bytes("6012345678"), bytes("603117311301"), bytes("08000000000000000000"));
        assertThat(testTerminal.terminalStatus()).isEqualTo(1);
        assertThat(testTerminal.processingNibble()).isEqualTo(7);
        Frame reply = testTerminal.reply(bytes("08100000000000000000"), 0);
        assertThat(hex(reply.header())).isEqualTo("603110311301");
        assertThat(hex(reply.tpdu())).isEqualTo("6056781234");
        assertThat(reply.reply(bytes("08000000000000000000"), 9).tpdu()).as("swapping twice restores").isEqualTo(testTerminal.tpdu());
    }

    @Test
    void replyRefusesANibbleThatIsNotOneDigit() throws Exception {
        Frame frame = Frame.parse(VECTOR);
        byte[] body = bytes("08100000000000000000");
        assertThatThrownBy(() -> frame.reply(body, 10)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("10");
        assertThatThrownBy(() -> frame.reply(body, -1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
    }

    @Test
    void tooShortFramesAreRefused() {
        assertThatThrownBy(() -> Frame.parse(Arrays.copyOf(VECTOR, 20)))
                .isExactlyInstanceOf(MessageFormatException.class)
                .hasMessageContaining("20 bytes").hasMessageContaining("minimum of 21");
        assertThatThrownBy(() -> Frame.parse(new byte[0])).isExactlyInstanceOf(MessageFormatException.class);
        assertThatThrownBy(() -> Frame.parse(null)).isExactlyInstanceOf(MessageFormatException.class);
    }

    @Test
    void theShortestPossibleFrameIsAccepted() throws Exception {
        assertThat(Frame.parse(Arrays.copyOf(VECTOR, 21)).body()).hasSize(10);
    }

    @Test
    void aTpduNotStartingWith60IsRefused() {
        byte[] wrong = VECTOR.clone();
        wrong[0] = 0x61;
        assertThatThrownBy(() -> Frame.parse(wrong))
                .isExactlyInstanceOf(MessageFormatException.class)
                .hasMessageContaining("0x61").hasMessageContaining("0x60");
    }

    @Test
    void equalityIsByContentAndToStringHidesTheBody() throws Exception {
        Frame a = Frame.parse(VECTOR);
        Frame b = Frame.parse(VECTOR.clone());
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(a.reply(a.body(), 1));
        assertThat(a.toString()).contains("6000000601", "613200320205", "130 bytes").doesNotContain("0810", "950973182317F80B");
    }

    @Test
    void aFrameCannotBeChangedThroughItsArrays() throws Exception {
        byte[] input = VECTOR.clone();
        Frame frame = Frame.parse(input);
        frame.header()[2] = 0x09;
        frame.body()[0] = 0x09;
        input[5] = 0x09;
        assertThat(frame.processingNibble()).isZero();
        assertThat(frame.toBytes()).isEqualTo(VECTOR);
    }

    @Test
    void constructorRefusesPartsOfTheWrongSize() {
        assertThatThrownBy(() -> new Frame(new byte[4], new byte[6], new byte[10])).hasMessageContaining("TPDU");
        assertThatThrownBy(() -> new Frame(new byte[5], new byte[7], new byte[10])).hasMessageContaining("header");
        assertThatThrownBy(() -> new Frame(new byte[5], new byte[6], new byte[9])).hasMessageContaining("body");
    }
}
