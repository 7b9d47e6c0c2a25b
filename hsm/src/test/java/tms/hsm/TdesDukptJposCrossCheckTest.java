package tms.hsm;

import static org.assertj.core.api.Assertions.assertThat;
import static tms.hsm.Fixtures.hex;

import java.nio.file.Path;
import java.util.Properties;
import java.util.Random;

import org.jpos.core.SimpleConfiguration;
import org.jpos.security.EncryptedPIN;
import org.jpos.security.KeySerialNumber;
import org.jpos.security.SMAdapter;
import org.jpos.security.SecureDESKey;
import org.jpos.security.jceadapter.JCESecurityModule;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TDES DUKPT against jPOS's independent implementation, on BDKs and KSNs beyond the standard's one example. */
class TdesDukptJposCrossCheckTest {

    private static final String PIN = "1234";
    private static final String PAN = "6217857600008050804";
    /** ISO 9564 format 0 of PIN 1234 and that PAN: 041234FFFFFFFFFF XOR 0000760000805080. */
    private static final String CLEAR_PIN_BLOCK = "041242FFFF7FAF7F";

    @TempDir
    Path dir;

    private JCESecurityModule jpos;

    @BeforeEach
    void setUp() throws Exception {
        Properties properties = new Properties();
        properties.put("lmk", dir.resolve("lmk").toString());
        properties.put("rebuildlmk", "true");
        // jPOS's default, SunJCE, cannot be instantiated by name on Java 17 (its package is not exported); Bouncy
        // Castle's provider is appended after the JDK's, so it changes no other test's choice of provider
        properties.put("provider", "org.bouncycastle.jce.provider.BouncyCastleProvider");
        jpos = new JCESecurityModule();
        jpos.setConfiguration(new SimpleConfiguration(properties));
    }

    @Test
    void bothSidesAgreeOnPinBlocksAtRandomKsns() throws Exception {
        Random random = new Random(92401);
        for (int i = 0; i < 40; i++) {
            byte[] bdk = new byte[16];
            random.nextBytes(bdk);
            byte[] ksn = randomKsn(random);
            SecureDESKey jposBdk = jpos.importBDK(hex(bdk), null, null);
            KeySerialNumber jposKsn = new KeySerialNumber(hex(ksn), 10, 4, 6);

            // jPOS encrypts under DUKPT, we decrypt
            EncryptedPIN underLmk = jpos.encryptPIN(PIN, PAN);
            EncryptedPIN underDukpt = jpos.exportPIN(underLmk, jposKsn, jposBdk, true, SMAdapter.FORMAT01);
            assertThat(hex(TdesDukpt.decryptPinBlock(bdk, ksn, underDukpt.getPINBlock())))
                    .as("KSN %s", hex(ksn)).isEqualTo(CLEAR_PIN_BLOCK);

            // we encrypt under our PIN key, jPOS decrypts
            byte[] pinKey = TdesDukpt.workingKey(bdk, ksn, TdesDukpt.Variant.PIN_ENCRYPTION);
            byte[] ours = TripleDes.ecb(pinKey, true, hex(CLEAR_PIN_BLOCK));
            EncryptedPIN imported = jpos.importPIN(new EncryptedPIN(ours, SMAdapter.FORMAT01, PAN), jposKsn, jposBdk, true);
            assertThat(jpos.decryptPIN(imported)).as("KSN %s", hex(ksn)).isEqualTo(PIN);
        }
    }

    // a KSN with a counter of 1 to 10 bits set anywhere in its 21 bits, as a device would send
    private static byte[] randomKsn(Random random) {
        byte[] ksn = new byte[TdesDukpt.KSN_BYTES];
        random.nextBytes(ksn);
        int counter = 0;
        int bits = 1 + random.nextInt(TdesDukpt.MAX_COUNTER_BITS);
        while (Integer.bitCount(counter) < bits) {
            counter |= 1 << random.nextInt(21);
        }
        ksn[7] = (byte) ((ksn[7] & 0xE0) | (counter >>> 16));
        ksn[8] = (byte) (counter >>> 8);
        ksn[9] = (byte) counter;
        return ksn;
    }
}
