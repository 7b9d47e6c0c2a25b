package tms.hsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static tms.hsm.Fixtures.hex;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The module's log and its exception messages name operations, usages and check values; never secrets. */
class LogHygieneTest {

    private static final String PAN = "6217857600008050804";
    private static final String SM4_MAK_HEX = "8A3F29C1D07E5B4F6E21A9C3B05D7F18";
    private static final String TRANSPORT_HEX = "5C1E9A7730D2B48F61A3E05C9D27F4B8E36A1C05B7D9F24E8A6C3B1D05F7E29A"
            + "13579BDF2468ACE0FDB97531ECA86420A1B2C3D4E5F60718293A4B5C6D7E8F90";

    private static final String ZONE_HEX = "7A2C4E6F8091B3D5E7F90A1C3E5F7182";
    private static final String PIN = "905173";
    private static final String TRACK = "6217857600008050804D25122011234567890";

    @TempDir
    Path dir;

    @Test
    void noClearKeyPanBlobOrMabReachesTheLog() throws Exception {
        List<String> secrets = new ArrayList<>();
        List<String> thrownMessages = new ArrayList<>();
        byte[] mab = hex(Fixtures.MAB_HEX);
        String logText;
        Path lmkFile = dir.resolve("lmk.dev");

        try (CapturedLog log = new CapturedLog()) {
            Lmk lmk = Lmk.loadOrCreateDevelopment(lmkFile);
            SoftwareSecurityModule module = new SoftwareSecurityModule(lmk);
            KeyWrap wrap = new KeyWrap(lmk);

            WrappedKey tmk = module.formKeyFromComponents(KeyUsage.TMK,
                    List.of(hex("11111111111111111111111111111111"), hex("22222222222222222222222222222222"),
                            hex("32107654BA98FEDCCDEF89AB45670123")));
            WrappedKey pik = Fixtures.known(module, KeyUsage.PIK, Fixtures.PIK_HEX);
            WrappedKey mak = Fixtures.known(module, KeyUsage.MAK, Fixtures.MAC_MAK_HEX);
            WrappedKey tdk = module.generateKey(KeyUsage.TDK, 16);
            WrappedKey generatedMak = module.generateKey(KeyUsage.MAK, 8);

            module.checkValue(tdk);
            byte[] pikUnderTmk = module.encryptUnderKek(pik, tmk);
            WrappedKey importedPik = module.importUnderKek(KeyUsage.PIK, pikUnderTmk, tmk, pik.checkValue());
            byte[] mac = module.generateMac(mak, mab);
            module.verifyMac(mak, mab, mac);
            module.verifyMac(mak, mab, "00000000".getBytes(StandardCharsets.US_ASCII));
            module.verifyMac(mak, mab, new byte[3]);
            module.generateMac(generatedMak, mab);
            module.panHash(PAN);

            // the 006 profile and the warehouse export
            WrappedKey sm4Tmk = module.generateKey(KeyUsage.TMK, KeyAlgorithm.SM4, 16);
            WrappedKey sm4Mak = module.formKeyFromComponents(KeyUsage.MAK, KeyAlgorithm.SM4, List.of(hex(SM4_MAK_HEX)));
            byte[] sm4MakUnderTmk = module.encryptUnderKek(sm4Mak, sm4Tmk);
            WrappedKey importedSm4Mak = module.importUnderKek(KeyUsage.MAK, sm4MakUnderTmk, sm4Tmk, sm4Mak.checkValue());
            module.verifyMac(importedSm4Mak, mab, module.generateMac(sm4Mak, mab));
            WrappedKey transport = module.formKeyFromComponents(KeyUsage.KEK, KeyAlgorithm.AES,
                    List.of(hex(TRANSPORT_HEX.substring(0, 64)), hex(TRANSPORT_HEX.substring(64))));
            String exported = module.exportKeyBlock(tmk, transport);
            thrownMessages.add(message(() -> module.exportKeyBlock(pik, transport)));

            // the host-side operations: other MACs, PIN translation, tracks, DUKPT
            WrappedKey zak = Fixtures.known(module, KeyUsage.ZAK, ZONE_HEX);
            WrappedKey zpk = Fixtures.known(module, KeyUsage.ZPK, ZONE_HEX);
            module.verifyMac(MacAlgorithm.X9_19, zak, mab, module.generateMac(MacAlgorithm.X9_19, zak, mab));
            module.generateMac(MacAlgorithm.X9_9, mak, mab);
            byte[] pinBlock = TripleDes.ecb(hex(Fixtures.PIK_HEX), true, PinBlock.format0(PinBlockTest.ascii(PIN), PAN));
            byte[] translated = module.translatePin(pik, pinBlock, PAN, zpk);
            WrappedKey tdkKnown = Fixtures.known(module, KeyUsage.TDK, Fixtures.TDK_HEX);
            String track = module.decryptTrack(tdkKnown, TrackDecryption.encrypt(hex(Fixtures.TDK_HEX), TRACK));
            WrappedKey bdk = Fixtures.known(module, KeyUsage.BDK, TdesDukptTest.BDK);
            // a KSN that shares no 8 hex characters with the annex's BDK, since KSNs are public and logged
            byte[] ksn = hex("FFFF1357924680E00003");
            byte[] dukptPinBlock = TripleDes.ecb(TdesDukpt.workingKey(hex(TdesDukptTest.BDK), ksn,
                    TdesDukpt.Variant.PIN_ENCRYPTION), true, PinBlock.format0(PinBlockTest.ascii(PIN), PAN));
            byte[] dukptTranslated = module.translateDukptPin(bdk, ksn, dukptPinBlock, PAN, zpk);
            module.verifyDukptMac(bdk, ksn, mab, module.generateDukptMac(bdk, ksn, mab));
            thrownMessages.add(message(() -> module.translatePin(pik, pinBlock, "4000001234562000", zpk)));

            // refusals log too, with their reasons
            thrownMessages.add(message(() -> module.importUnderKek(KeyUsage.PIK, pikUnderTmk, tmk, hex("01020304"))));
            thrownMessages.add(message(() -> module.encryptUnderKek(tmk, tmk)));
            thrownMessages.add(message(() -> module.generateMac(pik, mab)));
            thrownMessages.add(message(() -> module.checkValue(new WrappedKey(KeyUsage.TMK, 8, mak.blob(), mak.checkValue()))));
            byte[] tampered = tdk.blob();
            tampered[0] ^= 1;
            thrownMessages.add(message(() -> module.checkValue(new WrappedKey(KeyUsage.TDK, 16, tampered, tdk.checkValue()))));
            thrownMessages.add(message(() -> module.formKeyFromComponents(KeyUsage.TMK, List.of(new byte[16], new byte[8]))));
            thrownMessages.add(message(() -> module.generateKey(KeyUsage.TMK, 9)));
            thrownMessages.add(message(() -> module.panHash(PAN + "X")));
            thrownMessages.add(message(() -> module.panHash(PAN.substring(0, 18) + "X")));

            secrets.add(exported.substring(exported.length() - 96));
            secrets.add(hex(pinBlock));
            secrets.add(hex(translated));
            secrets.add(hex(dukptTranslated));
            secrets.add(hex(dukptPinBlock));
            secrets.add(track);
            secrets.add(hex(sm4MakUnderTmk));
            for (WrappedKey key : List.of(tmk, pik, mak, tdk, generatedMak, importedPik, sm4Tmk, sm4Mak, importedSm4Mak,
                    transport, zak, zpk, tdkKnown, bdk)) {
                secrets.add(key.encoded().substring(64));
                secrets.add(hex(wrap.unwrap(key)));
            }
            logText = log.text();

            for (String operation : List.of("formKeyFromComponents", "generateKey", "checkValue", "encryptUnderKek",
                    "importUnderKek", "generateMac", "verifyMac", "panHash", "exportKeyBlock", "translatePin",
                    "decryptTrack", "translateDukptPin", "verifyDukptMac", "generateDukptMac")) {
                assertThat(logText).as("log of %s", operation).contains(operation + ": ");
            }
        }
        secrets.add(Fixtures.TMK_HEX);
        secrets.add("0123456789ABCDEFFEDCBA9876543210");
        secrets.add(Fixtures.PIK_HEX);
        secrets.add(Fixtures.MAC_MAK_HEX);
        secrets.add(Fixtures.MAB_HEX);
        secrets.add(PAN);
        secrets.add(Files.readString(lmkFile, StandardCharsets.US_ASCII).trim());

        assertThat(logText).contains("-> ok").contains("-> refused: ").contains("cv 00962B60");
        secrets.add(SM4_MAK_HEX);
        secrets.add(TRANSPORT_HEX);
        assertThat(logText).contains("SM4 MAK cv").contains("exportKeyBlock: TDES TMK cv");
        assertThat(thrownMessages).hasSize(11).doesNotContainNull();
        secrets.add(ZONE_HEX);
        secrets.add(TdesDukptTest.BDK);
        secrets.add(TRACK);
        String everything = (logText + "\n" + String.join("\n", thrownMessages)).toUpperCase(Locale.ROOT);
        for (String secret : secrets) {
            // 8 hex characters of a secret are already too many; look for each such window
            for (int start = 0; start + 8 <= secret.length(); start += 4) {
                String window = secret.substring(start, start + 8).toUpperCase(Locale.ROOT);
                if (!window.chars().allMatch(c -> c == window.charAt(0))) {
                    assertThat(everything).as("a piece of a secret").doesNotContain(window);
                }
            }
            assertThat(everything).doesNotContain(secret.toUpperCase(Locale.ROOT));
        }
    }

    private static String message(Runnable operation) {
        Throwable thrown = catchThrowable(operation::run);
        assertThat(thrown).isInstanceOf(HsmException.class);
        return thrown.getMessage();
    }
}
