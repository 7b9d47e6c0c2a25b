package tms.iso8583;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class Field60Test {

    @Test
    void parsesTheContactlessPurchaseVector() throws Exception {
        Field60 f = Field60.parse("220000010006");
        assertThat(f).isEqualTo(new Field60("22", "000001", "000", "6", null, null, null));
        assertThat(f.format()).isEqualTo("220000010006");
    }

    @Test
    void parsesEveryPartBoundary() throws Exception {
        assertThat(Field60.parse("22")).isEqualTo(new Field60("22", null, null, null, null, null, null));
        assertThat(Field60.parse("00000001")).isEqualTo(new Field60("00", "000001", null, null, null, null, null));
        assertThat(Field60.parse("00000001004")).isEqualTo(Field60.of("00", "000001", "004"));
        assertThat(Field60.parse("2200012300050")).isEqualTo(new Field60("22", "000123", "000", "5", "0", null, null));
        assertThat(Field60.parse("22000123000501")).isEqualTo(new Field60("22", "000123", "000", "5", "0", "1", null));
        Field60 full = Field60.parse("22000123000501156");
        assertThat(full).isEqualTo(new Field60("22", "000123", "000", "5", "0", "1", "156"));
        assertThat(full.format()).isEqualTo("22000123000501156");
    }

    @Test
    void formatStopsAtTheLastPresentPart() {
        assertThat(Field60.of("00", "000007", "003").format()).isEqualTo("00000007003");
        assertThat(Field60.of("00", "000007", "003").withBatch("000008").format()).isEqualTo("00000008003");
    }

    @Test
    void refusesLengthsThatEndInsideAPart() {
        for (String digits : new String[] {"2", "220", "2200000", "220000010", "2200000100"}) {
            assertThatThrownBy(() -> Field60.parse(digits)).as(digits)
                    .isExactlyInstanceOf(MessageFormatException.class)
                    .hasMessageContaining(digits.length() + " digits");
        }
    }

    @Test
    void refusesNonDigitsEmptyAndTooLong() {
        assertThatThrownBy(() -> Field60.parse("22A000")).isExactlyInstanceOf(MessageFormatException.class).hasMessageContaining("22A000");
        assertThatThrownBy(() -> Field60.parse("")).isExactlyInstanceOf(MessageFormatException.class).hasMessageContaining("60.1");
        assertThatThrownBy(() -> Field60.parse("220001230005011560")).isExactlyInstanceOf(MessageFormatException.class)
                .hasMessageContaining("18 digits");
        assertThatThrownBy(() -> Field60.parse(null)).isExactlyInstanceOf(MessageFormatException.class);
    }

    @Test
    void constructorRefusesWrongSizesAndGaps() {
        assertThatThrownBy(() -> Field60.of("0", "000001", "001")).hasMessageContaining("60.1").hasMessageContaining("2 digits");
        assertThatThrownBy(() -> Field60.of("00", "00001", "001")).hasMessageContaining("60.2");
        assertThatThrownBy(() -> new Field60("00", null, "001", null, null, null, null))
                .hasMessageContaining("60.3").hasMessageContaining("60.2");
        assertThatThrownBy(() -> Field60.of(null, null, null)).hasMessageContaining("60.1");
    }
}
