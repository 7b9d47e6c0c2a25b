package tms.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.crypto.spec.SecretKeySpec;

import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import tms.admin.ActivationCodes;
import tms.admin.Actor;
import tms.admin.IssuedActivationCode;
import tms.admin.StockIn;
import tms.admin.TerminalRekey;
import tms.hsm.DeviceKeyAlgorithm;
import tms.hsm.DeviceKeyPair;
import tms.hsm.HostPublicKey;
import tms.hsm.KeyUsage;
import tms.hsm.WrappedKey;
import tms.iso8583.ActivationResponse;
import tms.iso8583.Field60;
import tms.iso8583.WorkingKeys;
import tms.simulator.DeviceActivation;
import tms.simulator.SimulatedTerminal;
import tms.simulator.TerminalProfile;
import tms.simulator.TmkRenewal;
import tms.store.testing.TestDatabase;

/**
 * A full run of the gateway at DEBUG — sign-ins in every layout, purchases, balance inquiries, an activation,
 * a re-key — then every log line is searched for the clear keys the run used (learnt here, outside the module,
 * by decrypting what crossed the wire with the keys the test knows), the LMK, the card number and its track.
 */
class KeyMaterialInLogsTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final String CARD = "6212261234567890";
    private static final Actor TECHNICIAN = new Actor("technician:zhao", "10.0.0.10");

    @TempDir
    Path temp;

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("tms.store.testing.TestDatabases#all")
    void noKeyLmkCardNumberOrTrackReachesAnyLogLine(TestDatabase db) throws Exception {
        Map<String, byte[]> secrets = new LinkedHashMap<>();
        Map<String, String> texts = new LinkedHashMap<>();
        List<String> lines;
        try (CapturedLog log = new CapturedLog(); GatewayFixture fixture = new GatewayFixture(db, temp)) {
            secrets.put("TMK", GatewayFixture.TMK);
            secrets.put("host LMK", lmk(temp.resolve("host-lmk.key")));
            secrets.put("terminal LMK", lmk(temp.resolve("terminal-lmk.key")));
            fixture.registerDefault();
            try (SimulatedTerminal terminal = fixture.terminal()) {
                for (String layout : List.of("001", "003", "004")) {
                    signIn(terminal, fixture, GatewayFixture.TMK, layout, "first", secrets);
                    assertThat(terminal.purchase(4321, CARD).responseCode()).isEqualTo("00");
                    assertThat(terminal.balanceInquiry(CARD).responseCode()).isEqualTo("00");
                }
                assertThat(terminal.echoTest()).isEqualTo("00");
                assertThat(terminal.signOff()).isEqualTo("00");
            }

            // a device activated over the air, then re-keyed: both TMKs read here with the device's private key
            DeviceKeyPair device = DeviceKeyPair.generate(DeviceKeyAlgorithm.RSA);
            HostPublicKey host = new HostSigningKeys(fixture.store(), fixture.hostHsm(), "test")
                    .publicKey(DeviceKeyAlgorithm.RSA);
            new StockIn(fixture.store(), Clock.systemUTC()).register("SN-LOGS", "PSAM-1", "8986001", "P2000", TECHNICIAN);
            IssuedActivationCode code = new ActivationCodes(fixture.store(), fixture.hostHsm(), Clock.systemUTC(),
                    new SecureRandom()).issue("SN-LOGS", "898100012340001", "Shop", Duration.ofHours(1), TECHNICIAN);
            texts.put("activation code", code.code());
            TerminalProfile profile;
            try (SimulatedTerminal connection = new SimulatedTerminal(
                    new TerminalProfile("SN-LOGS", "00000000", "000000000000000", null, 0), fixture.terminalHsm(),
                    "127.0.0.1", fixture.port(), Duration.ofSeconds(10))) {
                profile = DeviceActivation.activate(connection, fixture.terminalHsm(), device, host, "SN-LOGS",
                        "P2000", code.code());
            }
            new TerminalRekey(fixture.store(), fixture.hostHsm(), Clock.systemUTC()).order("SN-LOGS", TECHNICIAN);
            try (SimulatedTerminal terminal = new SimulatedTerminal(profile, fixture.terminalHsm(), "127.0.0.1",
                    fixture.port(), Duration.ofSeconds(10))) {
                ISOMsg download = new ISOMsg();
                download.setMTI("0800");
                download.set(11, profile.nextTrace());
                download.set(41, profile.tid());
                download.set(42, profile.mid());
                download.set(60, Field60.of("00", profile.batch(), "602").format());
                byte[] newTmk = rsaOaep(device, ActivationResponse.from(terminal.exchange(download, false)).encryptedTmk());
                secrets.put("re-keyed TMK", newTmk);
                TmkRenewal.renew(terminal, fixture.terminalHsm(), device, host);
                signIn(terminal, fixture, newTmk, "004", "re-keyed", secrets);
                assertThat(terminal.purchase(100, CARD).responseCode()).isEqualTo("00");
            }
            lines = log.lines();
        }
        texts.put("card number", CARD);
        texts.put("track 2", CARD + "D3012");
        assertThat(lines).as("the run was logged at DEBUG").anyMatch(l -> l.startsWith("DEBUG"));
        assertThat(lines).as("the module's operations were logged").anyMatch(l -> l.contains("verifyMac"));
        // 3 sign-ins before and 1 after the re-key (10 working keys), the two TMKs and the two LMKs
        assertThat(secrets.size()).as("keys learnt from the run").isEqualTo(14);
        // the search finds what it looks for: a line with the second half of a PIK, in lower case, is a leak
        String half = HEX.formatHex(secrets.get("first 003 PIK")).substring(16);
        assertThat(leaks(List.of("DEBUG x key part " + half), secrets, texts)).hasSize(1);
        List<String> leaks = leaks(lines, secrets, texts);
        assertThat(leaks).isEmpty();
    }

    private static List<String> leaks(List<String> lines, Map<String, byte[]> secrets, Map<String, String> texts) {
        List<String> leaks = new ArrayList<>();
        for (Map.Entry<String, byte[]> secret : secrets.entrySet()) {
            for (String form : forms(secret.getValue())) {
                for (String line : lines) {
                    if (line.toUpperCase().contains(form.toUpperCase())) {
                        leaks.add(secret.getKey() + " (as " + form + ") in: " + line);
                    }
                }
            }
        }
        for (Map.Entry<String, String> text : texts.entrySet()) {
            lines.stream().filter(l -> l.contains(text.getValue())).forEach(l -> leaks.add(text.getKey() + " in: " + l));
        }
        return leaks;
    }

    /** Signs in by hand so the clear working keys can be learnt with the TMK, then hands them to the simulator. */
    private static void signIn(SimulatedTerminal terminal, GatewayFixture fixture, byte[] tmk, String layout,
                               String label, Map<String, byte[]> secrets)
            throws Exception {
        TerminalProfile profile = terminal.profile();
        ISOMsg request = new ISOMsg();
        request.setMTI("0800");
        request.set(11, profile.nextTrace());
        request.set(41, profile.tid());
        request.set(42, profile.mid());
        request.set(60, Field60.of("00", profile.batch(), layout).format());
        ISOMsg response = terminal.exchange(request, false);
        assertThat(response.getString(39)).isEqualTo("00");
        WorkingKeys keys = WorkingKeys.decode(response.getBytes(62));
        String name = label + " " + layout;
        secrets.put(name + " PIK", tdesDecrypt(tmk, keys.pik()));
        secrets.put(name + " MAK", tdesDecrypt(tmk, keys.mak()));
        if (keys.tdk() != null) {
            secrets.put(name + " TDK", tdesDecrypt(tmk, keys.tdk()));
        }
        WrappedKey mak = fixture.terminalHsm().importUnderKek(KeyUsage.MAK, keys.mak(), profile.tmk(), keys.makCheckValue());
        profile.signedIn(mak, Field60.parse(response.getString(60)).batch());
    }

    /** Hex (compared without case), Base64, and each 8-byte part in hex: the shapes a careless log line would take. */
    private static List<String> forms(byte[] secret) {
        List<String> forms = new ArrayList<>();
        String hex = HEX.formatHex(secret);
        forms.add(hex);
        forms.add(Base64.getEncoder().encodeToString(secret));
        for (int i = 0; i + 8 <= secret.length; i += 8) {
            forms.add(hex.substring(2 * i, 2 * i + 16));
        }
        return forms;
    }

    private static byte[] tdesDecrypt(byte[] key, byte[] data) throws Exception {
        byte[] k24 = new byte[24];
        System.arraycopy(key, 0, k24, 0, 16);
        System.arraycopy(key, 0, k24, 16, 8);
        Cipher cipher = Cipher.getInstance("DESede/ECB/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(k24, "DESede"));
        return cipher.doFinal(data);
    }

    private static byte[] rsaOaep(DeviceKeyPair device, byte[] encrypted) throws Exception {
        PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(device.privateKeyPkcs8()));
        Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPPadding");
        cipher.init(Cipher.DECRYPT_MODE, key, new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256,
                PSource.PSpecified.DEFAULT));
        return cipher.doFinal(encrypted);
    }

    /** The development LMK as its file holds it (64 hex characters). */
    private static byte[] lmk(Path file) throws Exception {
        Matcher hex = Pattern.compile("[0-9A-Fa-f]{64}").matcher(Files.readString(file));
        assertThat(hex.find()).as("the LMK file %s holds 64 hex characters", file).isTrue();
        return HEX.parseHex(hex.group());
    }
}
