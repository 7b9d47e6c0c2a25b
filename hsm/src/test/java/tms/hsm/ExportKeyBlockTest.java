package tms.hsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static tms.hsm.Fixtures.hex;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** terminal export-tmk: the TMK as a TR-31 block under an AES transport key, read back as a key-loading device would. */
class ExportKeyBlockTest {

    // two custodians' components of the transport key; they XOR to the TR-31:2018 A.7.4 KBPK (check value 2331550B)
    private static final byte[] COMPONENT_1 = hex("0101010101010101010101010101010101010101010101010101010101010101");
    private static final byte[] COMPONENT_2 = hex("89E0AA2B2F3CD28D1EA138A437510DC9A97BB8D72CC82D00048EA69E45647CE7");
    private static final byte[] CLEAR_TRANSPORT = hex(Tr31KeyBlockTest.A74_KBPK);

    @TempDir
    Path dir;

    private SoftwareSecurityModule module;
    private WrappedKey transport;

    @BeforeEach
    void setUp() {
        module = Fixtures.module(dir);
        transport = module.formKeyFromComponents(KeyUsage.KEK, KeyAlgorithm.AES, List.of(COMPONENT_1, COMPONENT_2));
    }

    @Test
    void theExportedTmkUnwrapsUnderTheClearTransportKeyWithItsCheckValue() {
        WrappedKey tmk = Fixtures.known(module, KeyUsage.TMK, Fixtures.TMK_HEX);

        String block = module.exportKeyBlock(tmk, transport);

        Tr31KeyBlock.Unwrapped device = Tr31KeyBlock.unwrap(CLEAR_TRANSPORT, block, Tr31Usage.TMK);
        assertThat(hex(device.key())).isEqualTo(Fixtures.TMK_HEX);
        assertThat(hex(TripleDes.checkValue(device.key()))).isEqualTo("82E13665");
        assertThat(block).startsWith("D0144K0TB00E0300" + "KC0E0082E13665" + "KP0E012331550B" + "PB04");
        assertThat(device.header().optionalBlocks()).extracting(Tr31Header.OptionalBlock::id).containsExactly("KC", "KP", "PB");
        // the same key exported twice gives different blocks (random padding) that both hold it
        assertThat(module.exportKeyBlock(tmk, transport)).isNotEqualTo(block);
    }

    @Test
    void aGeneratedTmkAndAnAesTmkExportToo() {
        WrappedKey generated = module.generateKey(KeyUsage.TMK, 16);
        WrappedKey aes = module.generateKey(KeyUsage.TMK, KeyAlgorithm.AES, 16);

        Tr31KeyBlock.Unwrapped tdes = Tr31KeyBlock.unwrap(CLEAR_TRANSPORT, module.exportKeyBlock(generated, transport));
        Tr31KeyBlock.Unwrapped aesOut = Tr31KeyBlock.unwrap(CLEAR_TRANSPORT, module.exportKeyBlock(aes, transport));

        assertThat(TripleDes.checkValue(tdes.key())).isEqualTo(generated.checkValue());
        assertThat(aesOut.header().algorithm()).isEqualTo('A');
        assertThat(CheckValues.of(KeyAlgorithm.AES, aesOut.key())).isEqualTo(aes.checkValue());
        assertThat(aesOut.header().optionalBlocks().get(0).data()).isEqualTo("01" + aes.checkValueHex());
    }

    @Test
    void anSm4TmkIsMarkedWithTheProprietaryCodeAndItsBinding() {
        WrappedKey sm4 = module.formKeyFromComponents(KeyUsage.TMK, KeyAlgorithm.SM4, List.of(hex(Fixtures.DOUBLE_HEX)));

        Tr31KeyBlock.Unwrapped device = Tr31KeyBlock.unwrap(CLEAR_TRANSPORT, module.exportKeyBlock(sm4, transport));

        assertThat(hex(device.key())).isEqualTo(Fixtures.DOUBLE_HEX);
        assertThat(device.header().algorithm()).isEqualTo('4');
        assertThat(device.header().optionalBlocks()).extracting(Tr31Header.OptionalBlock::data)
                .startsWith("TMK.SM4.16", "002677F46B");
    }

    @Test
    void onlyATmkLeavesAndOnlyUnderAnAesTransportKey() {
        WrappedKey tmk = Fixtures.known(module, KeyUsage.TMK, Fixtures.TMK_HEX);
        WrappedKey pik = Fixtures.known(module, KeyUsage.PIK, Fixtures.PIK_HEX);

        assertThatThrownBy(() -> module.exportKeyBlock(pik, transport)).isInstanceOf(HsmException.class)
                .hasMessage("key is a PIK key (cv 00962B60); only a TMK is exported for a key-loading device");
        assertThatThrownBy(() -> module.exportKeyBlock(tmk, tmk)).isInstanceOf(HsmException.class)
                .hasMessageContaining("transportKey is a TDES TMK key (cv 82E13665); expected an AES KEK");
        assertThatThrownBy(() -> module.exportKeyBlock(tmk, null)).isInstanceOf(HsmException.class)
                .hasMessage("transportKey is null; expected a wrapped key");
    }

    @Test
    void aTransportKeyFromAnotherLmkIsRefused() {
        WrappedKey tmk = Fixtures.known(module, KeyUsage.TMK, Fixtures.TMK_HEX);
        SoftwareSecurityModule other = new SoftwareSecurityModule(Lmk.loadOrCreateDevelopment(dir.resolve("other/lmk.dev")));
        WrappedKey foreignTransport = other.formKeyFromComponents(KeyUsage.KEK, KeyAlgorithm.AES, List.of(COMPONENT_1));

        assertThatThrownBy(() -> module.exportKeyBlock(tmk, foreignTransport)).isInstanceOf(HsmException.class)
                .hasMessageContaining("KEK key's key block does not unwrap under this LMK");
    }
}
