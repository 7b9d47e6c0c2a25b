package tms.iso8583;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.Test;

class BatchUploadDetailsTest {

    // two transactions, digits counted by hand: count 02; purchase 22, trace 000123, card of 16 digits padded to 19,
    // 12.34 yuan; refund 25, trace 000124, card of 19 digits, 0.05 yuan
    private static final String TWO = "02"
            + "22" + "000123" + "16" + "6212261234567890" + "000" + "000000001234"
            + "25" + "000124" + "19" + "6212261234567890123" + "000000000005";

    @Test
    void goldenDigits() throws Exception {
        BatchUploadDetails details = BatchUploadDetails.parse(TWO);
        assertThat(details.entries()).containsExactly(
                new BatchUploadDetails.Entry("22", "000123", "6212261234567890", 1234),
                new BatchUploadDetails.Entry("25", "000124", "6212261234567890123", 5));
        assertThat(details.format()).isEqualTo(TWO);
    }

    @Test
    void goldenBytesInField48OfA0320() throws Exception {
        ISOMsg m = new ISOMsg();
        m.setMTI("0320");
        m.set(48, new BatchUploadDetails(List.of(new BatchUploadDetails.Entry("22", "000001", "621226123456", 1)))
                .format());
        // MTI 0320, bitmap with only bit 48, LLL 0043 digits, then the digits BCD with a trailing pad nibble
        assertThat(HexFormat.of().formatHex(CupMessageCodec.pack(m))).isEqualTo("0320" + "0000000000010000" + "0043"
                + "01" + "22" + "000001" + "12" + "621226123456" + "0000000" + "000000000001" + "0");
        assertThat(BatchUploadDetails.parse(CupMessageCodec.unpack(CupMessageCodec.pack(m)).getString(48)).entries())
                .singleElement().extracting(BatchUploadDetails.Entry::pan).isEqualTo("621226123456");
    }

    @Test
    void sevenFitTheFieldAndEightDoNot() throws Exception {
        BatchUploadDetails.Entry e = new BatchUploadDetails.Entry("23", "999999", "6212261234567890123", 999_999_999_999L);
        String seven = new BatchUploadDetails(Collections.nCopies(7, e)).format();
        assertThat(seven).hasSize(289);
        assertThat(BatchUploadDetails.parse(seven).entries()).hasSize(7);
        assertThatThrownBy(() -> new BatchUploadDetails(Collections.nCopies(8, e))).hasMessageContaining("1 to 7");
    }

    @Test
    void refusesWrongCountsLengthsAndCards() {
        assertThatThrownBy(() -> BatchUploadDetails.parse(TWO.substring(0, TWO.length() - 1)))
                .isExactlyInstanceOf(MessageFormatException.class).hasMessageContaining("counts 2");
        assertThatThrownBy(() -> BatchUploadDetails.parse("00")).isExactlyInstanceOf(MessageFormatException.class);
        assertThatThrownBy(() -> BatchUploadDetails.parse(TWO.replace("000123" + "16", "000123" + "09")))
                .isExactlyInstanceOf(MessageFormatException.class).hasMessageContaining("card length of 9");
        assertThatThrownBy(() -> BatchUploadDetails.parse("0A")).isExactlyInstanceOf(MessageFormatException.class);
        assertThatThrownBy(() -> BatchUploadDetails.parse(null)).isExactlyInstanceOf(MessageFormatException.class);
    }

    @Test
    void anEntryNeverPrintsItsCard() {
        assertThat(new BatchUploadDetails.Entry("22", "000001", "6212261234567890", 1).toString())
                .contains("621226******7890").doesNotContain("6212261234567890");
    }
}
