package tms.admin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UnitCodesTest {

    @Test
    void luhnIsTheClassicModTen() {
        assertThat(UnitCodes.luhnValid("79927398713")).isTrue();
        assertThat(UnitCodes.luhnValid("79927398710")).isFalse();
    }

    @Test
    void anIccidIs19DigitsWithALuhnDigitOr20CharactersAsChineseOperatorsIssueThem() {
        assertThat(UnitCodes.iccidProblem("8986001234567890120")).as("19 digits, Luhn ok").isNull();
        assertThat(UnitCodes.iccidProblem("8986001234567890127")).contains("Luhn");
        assertThat(UnitCodes.iccidProblem("89860012345678901234")).as("20 digits: operator's check").isNull();
        assertThat(UnitCodes.iccidProblem("8986011012231170983S")).as("China Unicom, letter check").isNull();
        assertThat(UnitCodes.iccidProblem("898600123456789012345")).contains("19 digits or 20");
        assertThat(UnitCodes.iccidProblem("798600123456789012")).contains("start with 89");
        assertThat(UnitCodes.iccidProblem("898600123456789A120")).as("letters only in the 20-character form")
                .contains("19 digits or 20");
        assertThat(UnitCodes.iccidProblem("")).as("no SIM").isNull();
    }

    @Test
    void serialPsamAndModelFormats() {
        assertThat(UnitCodes.serialProblem("SN-0001")).isNull();
        assertThat(UnitCodes.serialProblem("SN 0001")).contains("letters, digits or dashes");
        assertThat(UnitCodes.serialProblem("S".repeat(33))).contains("1 to 32");
        assertThat(UnitCodes.psamProblem("1234567")).contains("8 to 32");
        assertThat(UnitCodes.psamProblem("UP0012345678")).isNull();
        assertThat(UnitCodes.modelProblem("P2000 Pro/4G")).isNull();
        assertThat(UnitCodes.modelProblem("-x")).contains("starting with a letter or digit");
    }
}
