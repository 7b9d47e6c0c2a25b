package tms.iso8583;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static tms.iso8583.Vectors.bytes;
import static tms.iso8583.Vectors.hex;

import org.junit.jupiter.api.Test;

class WorkingKeysTest {

    /** Field 62 of the §7 004 sign-in response. */
    private static final String VECTOR_004 = "950973182317F80B950973182317F80B00962B60F679786E2411E3DE0000000000000000ADC67D84"
            + "A0C45C59F1E549BBA0C45C59F1E549BBE2F24340";

    @Test
    void decodesThe004Vector() throws Exception {
        WorkingKeys keys = WorkingKeys.decode(bytes(VECTOR_004));
        assertThat(keys.layout()).isEqualTo(SignInKeyLayout.WITH_TDK_004);
        assertThat(hex(keys.pik())).isEqualTo("950973182317F80B950973182317F80B");
        assertThat(hex(keys.pikCheckValue())).isEqualTo("00962B60");
        assertThat(hex(keys.mak())).isEqualTo("F679786E2411E3DE");
        assertThat(hex(keys.makCheckValue())).isEqualTo("ADC67D84");
        assertThat(hex(keys.tdk())).isEqualTo("A0C45C59F1E549BBA0C45C59F1E549BB");
        assertThat(hex(keys.tdkCheckValue())).isEqualTo("E2F24340");
        assertThat(hex(keys.encode())).isEqualTo(VECTOR_004);
    }

    @Test
    void the003LayoutIsThe004VectorWithoutItsTdk() throws Exception {
        String field62 = VECTOR_004.substring(0, 80);
        WorkingKeys keys = WorkingKeys.decode(bytes(field62));
        assertThat(keys.layout()).isEqualTo(SignInKeyLayout.DOUBLE_003);
        assertThat(hex(keys.mak())).isEqualTo("F679786E2411E3DE");
        assertThat(hex(keys.makCheckValue())).isEqualTo("ADC67D84");
        assertThat(keys.tdk()).isNull();
        assertThat(keys.tdkCheckValue()).isNull();
        assertThat(hex(keys.encode())).isEqualTo(field62);
    }

    @Test
    void theCompact003LayoutHasNoZeroBytes() throws Exception {
        String field62 = "950973182317F80B950973182317F80B" + "00962B60" + "F679786E2411E3DE" + "ADC67D84";
        WorkingKeys keys = WorkingKeys.decode(bytes(field62));
        assertThat(keys.layout()).isEqualTo(SignInKeyLayout.DOUBLE_003_COMPACT);
        assertThat(hex(keys.pik())).isEqualTo("950973182317F80B950973182317F80B");
        assertThat(hex(keys.mak())).isEqualTo("F679786E2411E3DE");
        assertThat(hex(keys.encode())).isEqualTo(field62);
    }

    @Test
    void the001LayoutHasSingleLengthKeys() throws Exception {
        String field62 = "1122334455667788" + "AABBCCDD" + "8877665544332211" + "DDCCBBAA";
        WorkingKeys keys = WorkingKeys.decode(bytes(field62), SignInKeyLayout.SINGLE_001);
        assertThat(hex(keys.pik())).isEqualTo("1122334455667788");
        assertThat(hex(keys.pikCheckValue())).isEqualTo("AABBCCDD");
        assertThat(hex(keys.mak())).isEqualTo("8877665544332211");
        assertThat(hex(keys.makCheckValue())).isEqualTo("DDCCBBAA");
        assertThat(WorkingKeys.decode(bytes(field62))).isEqualTo(keys);
        assertThat(hex(keys.encode())).isEqualTo(field62);
    }

    @Test
    void encodeBuildsThe004VectorFromItsParts() {
        WorkingKeys keys = new WorkingKeys(SignInKeyLayout.WITH_TDK_004, bytes("950973182317F80B950973182317F80B"), bytes("00962B60"),
                bytes("F679786E2411E3DE"), bytes("ADC67D84"), bytes("A0C45C59F1E549BBA0C45C59F1E549BB"), bytes("E2F24340"));
        assertThat(hex(keys.encode())).isEqualTo(VECTOR_004);
    }

    /**
     * A 006 field 62 (ours; PROTOCOL.md §4): with SM4 TMK 0123456789ABCDEFFEDCBA9876543210, PIK = that same value (its
     * SM4-ECB is the GB/T 32907 example, 681EDF34…, CV 2677F46B), MAK = 16 x 33, TDK = 16 x 44; computed with OpenSSL's
     * SM4 ({@code openssl enc -sm4-ecb -nopad}) and checked against the module in hsm's Sm4ProfileTest.
     */
    static final String VECTOR_006 = "681EDF34D206965E86B3E94F536E4246" + "2677F46B"
            + "99CFE9D2B4F88CB9D52049F758E230D9" + "A43FDDA6"
            + "D7A7D1B8C65C593AE8694C078C54E853" + "E54E8465";

    @Test
    void the006LayoutHasASixteenByteMakAndNoZeroBytes() throws Exception {
        WorkingKeys keys = WorkingKeys.decode(bytes(VECTOR_006), SignInKeyLayout.SM4_006);

        assertThat(hex(keys.pik())).isEqualTo("681EDF34D206965E86B3E94F536E4246");
        assertThat(hex(keys.pikCheckValue())).isEqualTo("2677F46B");
        assertThat(hex(keys.mak())).isEqualTo("99CFE9D2B4F88CB9D52049F758E230D9");
        assertThat(hex(keys.makCheckValue())).isEqualTo("A43FDDA6");
        assertThat(hex(keys.tdk())).isEqualTo("D7A7D1B8C65C593AE8694C078C54E853");
        assertThat(hex(keys.tdkCheckValue())).isEqualTo("E54E8465");
        assertThat(hex(keys.encode())).isEqualTo(VECTOR_006);
        WorkingKeys built = new WorkingKeys(SignInKeyLayout.SM4_006, bytes("681EDF34D206965E86B3E94F536E4246"),
                bytes("2677F46B"), bytes("99CFE9D2B4F88CB9D52049F758E230D9"), bytes("A43FDDA6"),
                bytes("D7A7D1B8C65C593AE8694C078C54E853"), bytes("E54E8465"));
        assertThat(built).isEqualTo(keys);
        assertThat(hex(built.encode())).isEqualTo(VECTOR_006);
        // by length alone the same 60 bytes read as 004, whose 8 bytes after the MAK must be zero
        assertThatThrownBy(() -> WorkingKeys.decode(bytes(VECTOR_006)))
                .isExactlyInstanceOf(MessageFormatException.class).hasMessageContaining("8 zero bytes after the MAK");
    }

    @Test
    void a006MakMustBeSixteenBytes() {
        assertThatThrownBy(() -> new WorkingKeys(SignInKeyLayout.SM4_006, new byte[16], new byte[4], new byte[8], new byte[4],
                new byte[16], new byte[4])).hasMessageContaining("MAK must be 16 bytes, got 8");
        assertThatThrownBy(() -> new WorkingKeys(SignInKeyLayout.WITH_TDK_004, new byte[16], new byte[4], new byte[16],
                new byte[4], new byte[16], new byte[4])).hasMessageContaining("MAK must be 8 bytes, got 16");
    }

    @Test
    void aLengthOfNoLayoutIsRefusedByName() {
        assertThatThrownBy(() -> WorkingKeys.decode(new byte[41]))
                .isExactlyInstanceOf(MessageFormatException.class).hasMessageContaining("41 bytes");
        assertThatThrownBy(() -> WorkingKeys.decode(new byte[0]))
                .isExactlyInstanceOf(MessageFormatException.class).hasMessageContaining("0 bytes");
        assertThatThrownBy(() -> WorkingKeys.decode(bytes(VECTOR_004), SignInKeyLayout.DOUBLE_003))
                .isExactlyInstanceOf(MessageFormatException.class).hasMessageContaining("60 bytes").hasMessageContaining("40");
    }

    @Test
    void nonZeroFillerAfterTheMakIsRefused() {
        byte[] field62 = bytes(VECTOR_004);
        field62[30] = 0x01;
        assertThatThrownBy(() -> WorkingKeys.decode(field62))
                .isExactlyInstanceOf(MessageFormatException.class).hasMessageContaining("byte 30").hasMessageContaining("zero");
    }

    @Test
    void partsMustFitTheLayout() {
        assertThatThrownBy(() -> new WorkingKeys(SignInKeyLayout.SINGLE_001, new byte[16], new byte[4], new byte[8], new byte[4], null, null))
                .hasMessageContaining("PIK must be 8 bytes");
        assertThatThrownBy(() -> new WorkingKeys(SignInKeyLayout.DOUBLE_003, new byte[16], new byte[4], new byte[8], new byte[4], new byte[16], new byte[4]))
                .hasMessageContaining("no TDK");
        assertThatThrownBy(() -> new WorkingKeys(SignInKeyLayout.WITH_TDK_004, new byte[16], new byte[4], new byte[8], new byte[4], null, null))
                .hasMessageContaining("TDK must be 16 bytes");
    }

    @Test
    void equalityIsByContentAndToStringShowsOnlyCheckValues() throws Exception {
        WorkingKeys a = WorkingKeys.decode(bytes(VECTOR_004));
        WorkingKeys b = WorkingKeys.decode(bytes(VECTOR_004));
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a.toString()).contains("00962B60", "ADC67D84", "E2F24340").doesNotContain("950973182317F80B");
    }
}
