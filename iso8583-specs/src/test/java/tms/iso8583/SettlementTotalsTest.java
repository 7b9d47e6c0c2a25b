package tms.iso8583;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SettlementTotalsTest {

    // 12345.00 yuan in 3 debits, 123.45 in 1 credit, domestic only; digits counted by hand below.
    private static final String REQUEST = "000001234500" + "003" + "000000012345" + "001" + "0"
            + "000000000000" + "000" + "000000000000" + "000" + "0";

    @Test
    void goldenDigits() throws Exception {
        assertThat(REQUEST).hasSize(62);
        SettlementTotals totals = SettlementTotals.parse(REQUEST);
        assertThat(totals).isEqualTo(new SettlementTotals(1_234_500L, 3, 12_345L, 1, 0, 0L, 0, 0L, 0, 0));
        assertThat(totals.format()).isEqualTo(REQUEST);
    }

    @Test
    void everyPartLandsInItsPlace() throws Exception {
        SettlementTotals totals = new SettlementTotals(111_111_111_111L, 222, 333_333_333_333L, 444, 5,
                666_666_666_666L, 777, 888_888_888_888L, 999, 1);
        String digits = "111111111111222333333333333444" + "5" + "666666666666777888888888888999" + "1";
        assertThat(totals.format()).isEqualTo(digits);
        assertThat(SettlementTotals.parse(digits)).isEqualTo(totals);
    }

    @Test
    void hostFillsTheResultDigits() throws Exception {
        SettlementTotals answered = SettlementTotals.parse(REQUEST).withResults(SettlementTotals.BALANCED, SettlementTotals.UNBALANCED);
        assertThat(answered.format()).isEqualTo(REQUEST.substring(0, 30) + "1" + REQUEST.substring(31, 61) + "2");
    }

    @Test
    void refusesWrongLengthAndNonDigits() {
        assertThatThrownBy(() -> SettlementTotals.parse(REQUEST.substring(1)))
                .isExactlyInstanceOf(MessageFormatException.class).hasMessageContaining("62").hasMessageContaining("61");
        assertThatThrownBy(() -> SettlementTotals.parse(REQUEST.replace('3', 'X')))
                .isExactlyInstanceOf(MessageFormatException.class).hasMessageContaining("non-digits");
        assertThatThrownBy(() -> SettlementTotals.parse(null)).isExactlyInstanceOf(MessageFormatException.class);
    }

    @Test
    void refusesValuesThatDoNotFitTheirDigits() {
        assertThatThrownBy(() -> new SettlementTotals(1_000_000_000_000L, 0, 0, 0, 0, 0, 0, 0, 0, 0))
                .hasMessageContaining("domestic debit amount");
        assertThatThrownBy(() -> new SettlementTotals(0, 1000, 0, 0, 0, 0, 0, 0, 0, 0)).hasMessageContaining("domestic debit count");
        assertThatThrownBy(() -> new SettlementTotals(0, 0, 0, 0, 0, 0, 0, 0, 0, 10)).hasMessageContaining("foreign result");
        assertThatThrownBy(() -> new SettlementTotals(0, 0, -1, 0, 0, 0, 0, 0, 0, 0)).hasMessageContaining("domestic credit amount");
    }
}
