package tms.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.Semaphore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Hashes console passwords with Argon2id (Bouncy Castle) and checks passwords against the stored PHC string
 * {@code $argon2id$v=19$m=<KiB>,t=<passes>,p=<lanes>$<salt>$<hash>}, which carries its own parameters and salt.
 */
public final class PasswordHashing {

    /**
     * 46 MiB, one pass, one lane: one of the equivalent Argon2id settings OWASP's password storage guidance lists
     * (with 19 MiB and two passes). On this project's 2-core build machine Bouncy Castle took 65-76 ms for it even
     * with other builds running (19 MiB/2 passes took 140-150 ms there), inside the 50-100 ms a sign-in can spend
     * without anyone noticing. One lane, because Bouncy Castle computes lanes one after another anyway.
     */
    public static final Cost DEFAULT_COST = new Cost(47_104, 1, 1);

    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d{1,8}),t=(\\d{1,3}),p=(\\d{1,3})\\$([A-Za-z0-9+/]{11,64})\\$([A-Za-z0-9+/]{22,128})");
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODE = Base64.getDecoder();

    private final Cost cost;
    private final SecureRandom random;
    /** Each hash holds its memory for its whole run: bound how many run at once so a login flood cannot exhaust the heap. */
    private final Semaphore running = new Semaphore(Math.max(2, Runtime.getRuntime().availableProcessors()), true);
    /** Checked against when there is no real hash (unknown user), so that answer takes as long as a real check. */
    private final String decoy;

    public PasswordHashing() {
        this(DEFAULT_COST, new SecureRandom());
    }

    public PasswordHashing(Cost cost, SecureRandom random) {
        this.cost = cost;
        this.random = random;
        this.decoy = hash("not a password anyone has");
    }

    /** Argon2id's memory (KiB), passes and lanes. */
    public record Cost(int memoryKiB, int iterations, int parallelism) {

        public Cost {
            if (parallelism < 1 || iterations < 1 || memoryKiB < 8 * parallelism) {
                throw new IllegalArgumentException("Argon2id needs at least 1 lane, 1 pass and 8 KiB per lane");
            }
        }
    }

    /** A fresh salt and the PHC string of the password's hash under this instance's cost. */
    public String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] hash = argon2id(password.getBytes(StandardCharsets.UTF_8), salt, null, null, cost, HASH_BYTES);
        return "$argon2id$v=19$m=" + cost.memoryKiB() + ",t=" + cost.iterations() + ",p=" + cost.parallelism()
                + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
    }

    /** Whether the password hashes to the stored string (with the string's own parameters and salt). */
    public boolean matches(String password, String stored) {
        Matcher m = stored == null ? null : PHC.matcher(stored);
        if (m == null || !m.matches()) {
            decoy(password);
            return false;
        }
        Cost storedCost = new Cost(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)));
        byte[] expected = B64_DECODE.decode(m.group(5));
        byte[] actual = argon2id(password.getBytes(StandardCharsets.UTF_8), B64_DECODE.decode(m.group(4)), null, null,
                storedCost, expected.length);
        return MessageDigest.isEqual(expected, actual);
    }

    /** Spends the time of a real check and answers false: for a name nobody has, or an account that is locked. */
    public boolean decoy(String password) {
        matches(password == null ? "" : password, decoy);
        return false;
    }

    /** Whether a stored hash was made with other parameters than today's (then it is re-hashed at the next sign-in). */
    public boolean outdated(String stored) {
        return stored == null || !stored.startsWith("$argon2id$v=19$m=" + cost.memoryKiB() + ",t=" + cost.iterations()
                + ",p=" + cost.parallelism() + "$");
    }

    /**
     * Argon2id version 0x13 as RFC 9106 defines it; the secret and associated data are there so the RFC's test
     * vector can be checked through the same code the passwords go through (console passwords use neither).
     */
    byte[] argon2id(byte[] password, byte[] salt, byte[] secret, byte[] associatedData, Cost c, int length) {
        Argon2Parameters.Builder parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(c.memoryKiB())
                .withIterations(c.iterations())
                .withParallelism(c.parallelism())
                .withSalt(salt);
        if (secret != null) {
            parameters.withSecret(secret);
        }
        if (associatedData != null) {
            parameters.withAdditional(associatedData);
        }
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters.build());
        byte[] out = new byte[length];
        running.acquireUninterruptibly();
        try {
            generator.generateBytes(password, out);
        } finally {
            running.release();
            Arrays.fill(password, (byte) 0);
        }
        return out;
    }
}
