package tms.iso8583;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OriginalDataTest {

    @Test
    void batchTraceAndDate() throws Exception {
        OriginalData data = OriginalData.parse("0001230004560612");
        assertThat(data).isEqualTo(new OriginalData("000123", "000456", "0612"));
        assertThat(data.format()).isEqualTo("0001230004560612");
    }

    @Test
    void dateIsOptional() throws Exception {
        OriginalData data = OriginalData.parse("000123000456");
        assertThat(data).isEqualTo(new OriginalData("000123", "000456", null));
        assertThat(data.format()).isEqualTo("000123000456");
    }

    @Test
    void refusesOtherLengthsAndNonDigits() {
        for (String bad : new String[] {"", "00012300045", "0001230004560", "00012300045606121", "00012300045A"}) {
            assertThatThrownBy(() -> OriginalData.parse(bad)).as(bad).isExactlyInstanceOf(MessageFormatException.class)
                    .hasMessageContaining("12 digits");
        }
        assertThatThrownBy(() -> new OriginalData("123", "000456", null)).hasMessageContaining("61.1");
    }
}
