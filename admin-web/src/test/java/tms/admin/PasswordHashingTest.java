package tms.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

class PasswordHashingTest {

    private final PasswordHashing cheap = new PasswordHashing(new PasswordHashing.Cost(1024, 1, 1), new SecureRandom());

    /** RFC 9106 section 5.3: Argon2id, version 0x13, 32 KiB, 3 passes, 4 lanes, with secret and associated data. */
    @Test
    void computesTheRfc9106Argon2idTestVector() {
        byte[] password = filled(32, 0x01);
        byte[] salt = filled(16, 0x02);
        byte[] secret = filled(8, 0x03);
        byte[] associatedData = filled(12, 0x04);

        byte[] tag = cheap.argon2id(password, salt, secret, associatedData, new PasswordHashing.Cost(32, 3, 4), 32);

        assertThat(HexFormat.of().formatHex(tag))
                .isEqualTo("0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659");
    }

    /**
     * Strings made by the reference implementation's command-line tool (Debian package argon2,
     * {@code echo -n PASSWORD | argon2 SALT -id -t T -k KiB -p P -l 32 -e}): the PHC encoding, the memory in KiB
     * and the unpadded Base64 are read as the reference writes them.
     */
    @Test
    void verifiesHashesMadeByTheReferenceImplementation() {
        String production = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHQ$PL01amPyeUuxG7H0vIr5X+qHkZvWnHmGBGXFYvh8z2E";
        String small = "$argon2id$v=19$m=1024,t=2,p=1$dG1zLXNhbHQtMTZieXRlcw$dur85vpkUtKtV9q2EtgeVfkpRwTqXDJIpU+xpDA40hU";

        assertThat(cheap.matches("password", production)).isTrue();
        assertThat(cheap.matches("Password", production)).isFalse();
        assertThat(cheap.matches("correct horse battery staple", small)).isTrue();
        assertThat(cheap.matches("correct horse battery stapl", small)).isFalse();
    }

    @Test
    void hashesWithAFreshSaltAndItsOwnParametersAndVerifies() {
        PasswordHashing hashing = new PasswordHashing(new PasswordHashing.Cost(2048, 2, 1), new SecureRandom());

        String first = hashing.hash("hunter2 is not long");
        String second = hashing.hash("hunter2 is not long");

        assertThat(first).startsWith("$argon2id$v=19$m=2048,t=2,p=1$").doesNotContain("hunter2").isNotEqualTo(second);
        assertThat(first.split("\\$")).hasSize(6);
        assertThat(hashing.matches("hunter2 is not long", first)).isTrue();
        assertThat(hashing.matches("hunter2 is not long", second)).isTrue();
        assertThat(hashing.matches("hunter3 is not long", first)).isFalse();
        // a hash made with other parameters still verifies, and is known to be outdated
        assertThat(cheap.matches("hunter2 is not long", first)).isTrue();
        assertThat(cheap.outdated(first)).isTrue();
        assertThat(hashing.outdated(first)).isFalse();
    }

    @Test
    void theProductionCostIsArgon2idWith46MiBOnePassOneLane() {
        String hash = new PasswordHashing().hash("a password of some length");
        assertThat(hash).startsWith("$argon2id$v=19$m=47104,t=1,p=1$");
    }

    @Test
    void aMalformedOrMissingStoredHashMatchesNothing() {
        assertThat(cheap.matches("x", null)).isFalse();
        assertThat(cheap.matches("x", "")).isFalse();
        assertThat(cheap.matches("x", "$argon2i$v=19$m=1024,t=2,p=1$dG1zLXNhbHQtMTZieXRlcw$dur85vpkUtKtV9q2EtgeVfkpRwTqXDJIpU+xpDA40hU"))
                .isFalse();
        assertThat(cheap.matches("x", "plain text")).isFalse();
        assertThat(cheap.decoy("anything")).isFalse();
    }

    private static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    @Test
    void passwordsAreUtf8() {
        String hash = cheap.hash("pässwörd-密码-long");
        assertThat(cheap.matches(new String("pässwörd-密码-long".getBytes(StandardCharsets.UTF_8),
                StandardCharsets.UTF_8), hash)).isTrue();
    }
}
