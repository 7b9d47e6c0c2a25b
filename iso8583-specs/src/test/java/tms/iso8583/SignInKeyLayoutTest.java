package tms.iso8583;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SignInKeyLayoutTest {

    @Test
    void lengthsFollowTheSpec() {
        assertThat(SignInKeyLayout.SINGLE_001.length()).isEqualTo(24);
        assertThat(SignInKeyLayout.DOUBLE_003.length()).isEqualTo(40);
        assertThat(SignInKeyLayout.DOUBLE_003_COMPACT.length()).isEqualTo(32);
        assertThat(SignInKeyLayout.WITH_TDK_004.length()).isEqualTo(60);
        assertThat(SignInKeyLayout.SINGLE_001.pikLength()).isEqualTo(8);
        assertThat(SignInKeyLayout.DOUBLE_003.pikLength()).isEqualTo(16);
        assertThat(SignInKeyLayout.DOUBLE_003_COMPACT.pikLength()).isEqualTo(16);
        assertThat(SignInKeyLayout.WITH_TDK_004.pikLength()).isEqualTo(16);
        assertThat(SignInKeyLayout.SM4_006.length()).isEqualTo(60);
        assertThat(SignInKeyLayout.SM4_006.pikLength()).isEqualTo(16);
        assertThat(SignInKeyLayout.SM4_006.makLength()).isEqualTo(16);
        assertThat(SignInKeyLayout.SM4_006.makSlotLength()).isEqualTo(16);
        assertThat(SignInKeyLayout.SM4_006.sm4()).isTrue();
        assertThat(SignInKeyLayout.WITH_TDK_004.sm4()).isFalse();
        assertThat(SignInKeyLayout.WITH_TDK_004.makLength()).isEqualTo(8);
        for (SignInKeyLayout layout : SignInKeyLayout.values()) {
            int sum = layout.pikLength() + 4 + layout.makSlotLength() + 4 + (layout.hasTdk() ? 16 + 4 : 0);
            assertThat(sum).as("%s parts add up", layout).isEqualTo(layout.length());
        }
    }

    @Test
    void networkCodeChoosesTheLayout() {
        assertThat(SignInKeyLayout.forNetworkCode("001", false)).isEqualTo(SignInKeyLayout.SINGLE_001);
        assertThat(SignInKeyLayout.forNetworkCode("001", true)).isEqualTo(SignInKeyLayout.SINGLE_001);
        assertThat(SignInKeyLayout.forNetworkCode("003", false)).isEqualTo(SignInKeyLayout.DOUBLE_003);
        assertThat(SignInKeyLayout.forNetworkCode("003", true)).isEqualTo(SignInKeyLayout.DOUBLE_003_COMPACT);
        assertThat(SignInKeyLayout.forNetworkCode("004", false)).isEqualTo(SignInKeyLayout.WITH_TDK_004);
        assertThat(SignInKeyLayout.forNetworkCode("006", false)).isEqualTo(SignInKeyLayout.SM4_006);
        assertThat(SignInKeyLayout.forNetworkCode("006", true)).isEqualTo(SignInKeyLayout.SM4_006);
        assertThatThrownBy(() -> SignInKeyLayout.forNetworkCode("005", false))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("network code \"005\" has no key layout; expected 001, 003, 004 or 006");
        assertThatThrownBy(() -> SignInKeyLayout.forNetworkCode(null, false)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void lengthChoosesTheLayout() throws Exception {
        assertThat(SignInKeyLayout.forLength(24)).isEqualTo(SignInKeyLayout.SINGLE_001);
        assertThat(SignInKeyLayout.forLength(32)).isEqualTo(SignInKeyLayout.DOUBLE_003_COMPACT);
        assertThat(SignInKeyLayout.forLength(40)).isEqualTo(SignInKeyLayout.DOUBLE_003);
        // 006 has the length of 004: only the network code tells them apart
        assertThat(SignInKeyLayout.forLength(60)).isEqualTo(SignInKeyLayout.WITH_TDK_004);
        assertThatThrownBy(() -> SignInKeyLayout.forLength(48)).isExactlyInstanceOf(MessageFormatException.class).hasMessageContaining("48");
    }
}
