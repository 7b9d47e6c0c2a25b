package tms.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import tms.admin.console.InputRefused;
import tms.store.ConsoleAccount;
import tms.store.ConsoleAccountMapper;
import tms.store.ConsoleApiToken;
import tms.store.ConsoleApiTokenMapper;
import tms.store.Store;

/**
 * Personal API tokens: a user makes one (shown once), lists and revokes their own; a request presents it as
 * {@code Authorization: Bearer tms_...}. Only the token's SHA-256 is stored: it is 256 random bits, so there is
 * nothing for a slow hash to protect, and a fast one lets every API call find its token by index.
 */
public final class ApiTokens {

    private static final String PREFIX = "tms_";
    private static final Pattern TOKEN = Pattern.compile("tms_[A-Za-z0-9_-]{43}");
    private static final int SHOWN = 12;
    /** last_used_at is written at most this often per token. */
    private static final Duration TOUCH = Duration.ofMinutes(1);
    private static final int MAX_ACTIVE = 20;

    private final Store store;
    private final Clock clock;
    private final SecureRandom random;

    public ApiTokens(Store store, Clock clock, SecureRandom random) {
        this.store = store;
        this.clock = clock;
        this.random = random;
    }

    public IssuedApiToken create(String owner, String label, Actor actor) {
        if (label == null || label.isBlank() || label.strip().length() > 64) {
            throw new InputRefused("give the token a label of 1 to 64 characters (what will use it, e.g. 'nightly export')");
        }
        String name = label.strip();
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant now = clock.instant();
        long id = store.write(s -> {
            ConsoleAccount account = s.getMapper(ConsoleAccountMapper.class).findByNameForUpdate(owner);
            if (account == null) {
                throw new TerminalActionRefused("there is no account named " + owner);
            }
            ConsoleApiTokenMapper tokens = s.getMapper(ConsoleApiTokenMapper.class);
            long active = tokens.listByAccount(account.id()).stream().filter(t -> !t.revoked()).count();
            if (active >= MAX_ACTIVE) {
                throw new TerminalActionRefused("you have " + active + " API tokens already: revoke one you no longer"
                        + " use first");
            }
            String hash = hash(token);
            tokens.insert(new ConsoleApiToken(null, account.id(), name, token.substring(0, SHOWN), hash, now, null, null));
            long made = tokens.findByHash(hash).id();
            AuditTrail.record(s, now, actor, "console.token.create", owner, "OK", "token " + made + " '" + name + "'",
                    null, "token=" + made + " prefix=" + token.substring(0, SHOWN));
            return made;
        });
        return new IssuedApiToken(id, name, token);
    }

    /** The owner's tokens, newest first, revoked ones included. */
    public List<ApiTokenSummary> list(String owner) {
        return store.read(s -> {
            ConsoleAccount account = s.getMapper(ConsoleAccountMapper.class).findByName(owner);
            if (account == null) {
                return List.<ApiTokenSummary>of();
            }
            return s.getMapper(ConsoleApiTokenMapper.class).listByAccount(account.id()).stream()
                    .map(t -> new ApiTokenSummary(t.id(), t.label(), t.tokenPrefix(), t.createdAt(), t.lastUsedAt(),
                            t.revokedAt()))
                    .toList();
        });
    }

    /** Revokes one of the owner's own tokens. */
    public void revoke(String owner, long id, Actor actor) {
        Instant now = clock.instant();
        store.write(s -> {
            ConsoleAccount account = s.getMapper(ConsoleAccountMapper.class).findByName(owner);
            ConsoleApiTokenMapper tokens = s.getMapper(ConsoleApiTokenMapper.class);
            ConsoleApiToken token = tokens.findById(id);
            if (account == null || token == null || token.accountId() != account.id()) {
                throw new TerminalActionRefused("you have no API token " + id);
            }
            if (tokens.revoke(id, now) == 0) {
                throw new TerminalActionRefused("API token " + id + " was revoked already, at " + token.revokedAt());
            }
            AuditTrail.record(s, now, actor, "console.token.revoke", owner, "OK", "token " + id + " '" + token.label()
                    + "'", "token=" + id + " revoked=false", "token=" + id + " revoked=true");
            return null;
        });
    }

    /** The account name a presented token belongs to, when the token is well formed, known and not revoked. */
    public Optional<String> owner(String presented) {
        if (presented == null || !TOKEN.matcher(presented).matches()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return Optional.ofNullable(store.write(s -> {
            ConsoleApiTokenMapper tokens = s.getMapper(ConsoleApiTokenMapper.class);
            ConsoleApiToken token = tokens.findByHash(hash(presented));
            if (token == null || token.revoked()) {
                return null;
            }
            tokens.touch(token.id(), now, now.minus(TOUCH));
            ConsoleAccount account = s.getMapper(ConsoleAccountMapper.class).findById(token.accountId());
            return account == null ? null : account.name();
        }));
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
