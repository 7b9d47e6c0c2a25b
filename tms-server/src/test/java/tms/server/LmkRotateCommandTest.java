package tms.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import tms.gateway.HostSigningKeys;
import tms.hsm.DeviceKeyAlgorithm;
import tms.hsm.HostPublicKey;
import tms.hsm.KeyUsage;
import tms.hsm.Lmk;
import tms.hsm.LmkComponent;
import tms.hsm.LmkRotation;
import tms.hsm.SecurityModule;
import tms.hsm.WrappedKey;
import tms.hsm.WrappedPrivateKey;
import tms.store.HostKey;
import tms.store.HostKeyMapper;
import tms.store.SignedInTerminal;
import tms.store.Store;
import tms.store.StoreConfig;
import tms.store.StoredKey;
import tms.store.StoredKeyColumn;
import tms.store.StoredKeyMapper;
import tms.store.Terminal;
import tms.store.TerminalMapper;
import tms.store.testing.TestDatabase;

/** `lmk rotate` over a store with terminals and host keys, interrupted and resumed, on H2 and MariaDB. */
class LmkRotateCommandTest {

    private static final String PAN = "6212261234567890";
    private static final String[] TIDS = {"50000001", "50000002", "50000003"};
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] MAB = "0200 a message to MAC".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    @ParameterizedTest
    @MethodSource("tms.store.testing.TestDatabases#all")
    void anInterruptedRotationRefusesEveryStartAndASecondRunFinishesItWithEveryKeyUsable(TestDatabase db) throws Exception {
        db.open();  // keeps the database alive and migrated for the installations opened below
        StoreConfig config = db.config();
        DatabaseOptions database = new DatabaseOptions(config.jdbcUrl(), config.user(), config.password());
        Path data = dir.resolve("data");
        InstallationOptions dev = new InstallationOptions(data, database, LmkOptions.developmentLmk());

        // a development installation with provisioned and signed-in terminals and a host key
        String panHash;
        String codeHash;
        Map<String, String> tmkCheckValues = new LinkedHashMap<>();
        HostPublicKey hostPublicKey;
        Lmk devLmk;
        try (Installation inst = Installation.open(dev, System.out)) {
            devLmk = inst.lmk();
            TerminalProvisioning provisioning = new TerminalProvisioning(inst.store(), inst.hsm());
            for (String tid : TIDS) {
                String kcv = provisioning.provision(new TerminalProvisioning.Request("SN-" + tid, tid, "898100012340001",
                        "Rotation shop", "N910", null, null), List.of(HexFormat.of().formatHex(random16())), null);
                tmkCheckValues.put(tid, kcv);
            }
            for (String tid : List.of(TIDS[0], TIDS[2])) {
                SecurityModule hsm = inst.hsm();
                String pik = hsm.generateKey(KeyUsage.PIK, 16).encoded();
                String mak = hsm.generateKey(KeyUsage.MAK, 8).encoded();
                String tdk = hsm.generateKey(KeyUsage.TDK, 16).encoded();
                inst.store().write(s -> s.getMapper(TerminalMapper.class).recordSignIn(tid, "000002", pik, mak, tdk,
                        Instant.now()));
            }
            hostPublicKey = new HostSigningKeys(inst.store(), inst.hsm(), "test").publicKey(DeviceKeyAlgorithm.SM2);
            panHash = inst.hsm().panHash(PAN);
            codeHash = inst.hsm().activationCodeHash("SN-NEW", "12345678");
        }
        // 3 TMKs, 2 x (PIK, MAK, TDK), 1 host key, 1 hashing key
        int keys = 3 + 6 + 1 + 1;
        List<String> before = storedKeys(db);
        assertThat(before).hasSize(keys);

        Path first = dir.resolve("new-1.txt");
        Path second = dir.resolve("new-2.txt");
        Lmk.newComponent(RANDOM).writeOwnerOnly(first);
        Lmk.newComponent(RANDOM).writeOwnerOnly(second);
        Lmk newLmk = Lmk.fromComponents(List.of(LmkComponent.readOwnerOnly(first).value(),
                LmkComponent.readOwnerOnly(second).value()));
        InstallationOptions production = new InstallationOptions(data, database,
                LmkOptions.componentFiles(List.of(first, second)));

        // interrupted after 4 rows, as a crash or Ctrl+C would
        AtomicInteger rows = new AtomicInteger();
        try (Store store = Installation.openStore(dev)) {
            KeyRotation interrupted = new KeyRotation(store, new LmkRotation(devLmk, newLmk), StoredKeyColumn.ALL,
                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), 1000, (column, rowId) -> {
                        if (rows.incrementAndGet() == 4) {
                            throw new IllegalStateException("interrupted");
                        }
                    });
            assertThatThrownBy(interrupted::run).hasMessage("interrupted");
        }
        List<String> midway = storedKeys(db);
        assertThat(changed(before, midway)).isEqualTo(4);

        for (InstallationOptions either : List.of(dev, production)) {
            assertThatThrownBy(() -> Installation.open(either, System.out)).isInstanceOf(UserError.class)
                    .hasMessageContaining("an LMK rotation from the LMK with check value " + devLmk.checkValueHex()
                            + " to the one with check value " + newLmk.checkValueHex())
                    .hasMessageContaining("has not finished")
                    .hasMessageContaining("Re-run `tms lmk rotate`");
        }
        CommandRun run = CommandRun.of("", "run", "--data", data.toString(), "--db-url", config.jdbcUrl(), "--db-user",
                config.user(), "--db-password", config.password(), "--dev-lmk", "--gateway-port", "0", "--admin-port", "0");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("has not finished", "Re-run `tms lmk rotate`");

        CommandRun resumed = CommandRun.of("", "lmk", "rotate", "--data", data.toString(), "--db-url", config.jdbcUrl(),
                "--db-user", config.user(), "--db-password", config.password(), "--dev-lmk",
                "--new-lmk-component", first.toString(), "--new-lmk-component", second.toString(), "--progress-every", "2");
        assertThat(resumed.exitCode()).as(resumed.out() + resumed.err()).isZero();
        assertThat(resumed.out()).contains("resuming the LMK rotation from " + devLmk.checkValueHex() + " to "
                        + newLmk.checkValueHex(),
                "terminal.tmk_wrapped: 2 of 3 rows",
                "terminal.tmk_wrapped: 0 re-wrapped, 3 already under the new LMK",
                "terminal.pik_wrapped: 1 re-wrapped, 1 already under the new LMK",
                "terminal.mak_wrapped: 2 re-wrapped, 0 already under the new LMK",
                "host_key.private_key_wrapped: 1 re-wrapped",
                "installation_key.key_wrapped: 1 re-wrapped",
                (keys - 4) + " key(s) re-wrapped, 4 already under the new LMK",
                "LMK rotation finished: every key is under the LMK with check value " + newLmk.checkValueHex());
        List<String> after = storedKeys(db);
        assertThat(changed(before, after)).isEqualTo(keys);

        // every key works under the new LMK, and the hashes did not change
        try (Installation inst = Installation.open(production, System.out)) {
            SecurityModule hsm = inst.hsm();
            for (String tid : TIDS) {
                Terminal terminal = inst.store().read(s -> s.getMapper(TerminalMapper.class).findByTid(tid));
                assertThat(HexFormat.of().withUpperCase().formatHex(hsm.checkValue(WrappedKey.decode(terminal.tmkWrapped()))))
                        .isEqualTo(tmkCheckValues.get(tid));
            }
            SignedInTerminal signedIn = inst.store().read(s -> s.getMapper(TerminalMapper.class).findSignedIn(TIDS[2]));
            WrappedKey mak = WrappedKey.decode(signedIn.makWrapped());
            assertThat(hsm.verifyMac(mak, MAB, hsm.generateMac(mak, MAB))).isTrue();
            hsm.checkValue(WrappedKey.decode(signedIn.pikWrapped()));
            hsm.checkValue(WrappedKey.decode(signedIn.tdkWrapped()));
            HostKey hostKey = inst.store().read(s -> s.getMapper(HostKeyMapper.class).find("signing-sm2"));
            byte[] signature = hsm.signAsHost(WrappedPrivateKey.decode(hostKey.privateKeyWrapped()), MAB);
            assertThat(hostPublicKey.verify(MAB, signature)).isTrue();
            assertThat(hsm.panHash(PAN)).isEqualTo(panHash);
            assertThat(hsm.activationCodeMatches("SN-NEW", "12345678", codeHash)).isTrue();
        }
        assertThatThrownBy(() -> Installation.open(dev, System.out)).isInstanceOf(UserError.class)
                .hasMessageContaining("is not this installation's LMK");

        CommandRun again = CommandRun.of("", "lmk", "rotate", "--data", data.toString(), "--db-url", config.jdbcUrl(),
                "--db-user", config.user(), "--db-password", config.password(), "--dev-lmk",
                "--new-lmk-component", first.toString(), "--new-lmk-component", second.toString());
        // running it again is harmless: every key is recognised as moved already
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).contains("0 key(s) re-wrapped, " + keys + " already under the new LMK");
        assertThat(storedKeys(db)).isEqualTo(after);
    }

    @ParameterizedTest
    @MethodSource("tms.store.testing.TestDatabases#all")
    void aWrongOldLmkChangesNothingAndLeavesNoRotationBehind(TestDatabase db) throws Exception {
        db.open();
        StoreConfig config = db.config();
        DatabaseOptions database = new DatabaseOptions(config.jdbcUrl(), config.user(), config.password());
        Path data = dir.resolve("data");
        InstallationOptions dev = new InstallationOptions(data, database, LmkOptions.developmentLmk());
        try (Installation inst = Installation.open(dev, System.out)) {
            new TerminalProvisioning(inst.store(), inst.hsm()).provision(new TerminalProvisioning.Request("SN-1", TIDS[0],
                    "898100012340001", "Shop", "N910", null, null), List.of(HexFormat.of().formatHex(random16())), null);
        }
        List<String> before = storedKeys(db);
        Path wrong1 = dir.resolve("wrong-1.txt");
        Path wrong2 = dir.resolve("wrong-2.txt");
        Path new1 = dir.resolve("new-1.txt");
        Path new2 = dir.resolve("new-2.txt");
        for (Path file : List.of(wrong1, wrong2, new1, new2)) {
            Lmk.newComponent(RANDOM).writeOwnerOnly(file);
        }

        CommandRun rotate = CommandRun.of("", "lmk", "rotate", "--data", data.toString(), "--db-url", config.jdbcUrl(),
                "--db-user", config.user(), "--db-password", config.password(),
                "--lmk-component", wrong1.toString(), "--lmk-component", wrong2.toString(),
                "--new-lmk-component", new1.toString(), "--new-lmk-component", new2.toString());

        assertThat(rotate.exitCode()).isEqualTo(1);
        assertThat(rotate.err()).contains("nothing was changed", "is the one this installation runs with");
        assertThat(storedKeys(db)).isEqualTo(before);
        try (Installation inst = Installation.open(dev, System.out)) {
            assertThat(inst.lmk().development()).isTrue();
        }
    }

    private static List<String> storedKeys(TestDatabase db) {
        Store store = db.openAnother();
        List<String> keys = new ArrayList<>();
        for (StoredKeyColumn column : StoredKeyColumn.ALL) {
            List<StoredKey> page = store.read(s -> s.getMapper(StoredKeyMapper.class).page(column.table(),
                    column.idColumn(), column.keyColumn(), null, 1000));
            page.forEach(k -> keys.add(column.qualifiedName() + " " + k.rowId() + " " + k.keyText()));
        }
        return keys;
    }

    private static long changed(List<String> before, List<String> after) {
        assertThat(after).hasSameSizeAs(before);
        long n = 0;
        for (int i = 0; i < before.size(); i++) {
            n += before.get(i).equals(after.get(i)) ? 0 : 1;
        }
        return n;
    }

    private static byte[] random16() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
