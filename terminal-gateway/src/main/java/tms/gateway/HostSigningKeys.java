package tms.gateway;

import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tms.hsm.DeviceKeyAlgorithm;
import tms.hsm.HostPublicKey;
import tms.hsm.HostSigningKeyPair;
import tms.hsm.SecurityModule;
import tms.hsm.WrappedPrivateKey;
import java.time.Instant;

import tms.store.AuditEntry;
import tms.store.AuditLogMapper;
import tms.store.HostKey;
import tms.store.HostKeyMapper;
import tms.store.Store;

/**
 * The host's signing keys, one per algorithm (RSA for RSA devices, SM2 for SM2 devices): made on first
 * need, kept in the store with the private key wrapped under the LMK, shared by every gateway node.
 */
public final class HostSigningKeys {

    private static final Logger LOG = LoggerFactory.getLogger(HostSigningKeys.class);

    private final Store store;
    private final SecurityModule hsm;
    private final Map<DeviceKeyAlgorithm, HostKey> cache = new ConcurrentHashMap<>();
    private final String actor;

    /** @param actor who is recorded in the audit log as having made a key, should this call make one */
    public HostSigningKeys(Store store, SecurityModule hsm, String actor) {
        this.store = store;
        this.hsm = hsm;
        this.actor = actor;
    }

    public WrappedPrivateKey privateKey(DeviceKeyAlgorithm algorithm) {
        return WrappedPrivateKey.decode(stored(algorithm).privateKeyWrapped());
    }

    /** The public key a terminal of this algorithm holds to check the host's answers. */
    public HostPublicKey publicKey(DeviceKeyAlgorithm algorithm) {
        return HostPublicKey.fromDer(HexFormat.of().parseHex(stored(algorithm).publicKey()));
    }

    private HostKey stored(DeviceKeyAlgorithm algorithm) {
        return cache.computeIfAbsent(algorithm, this::loadOrCreate);
    }

    private HostKey loadOrCreate(DeviceKeyAlgorithm algorithm) {
        String name = "signing-" + algorithm.name().toLowerCase();
        HostKey existing = store.read(s -> s.getMapper(HostKeyMapper.class).find(name));
        if (existing != null) {
            return existing;
        }
        HostSigningKeyPair pair = hsm.generateHostSigningKey(algorithm);
        HostKey key = new HostKey(name, algorithm.name(), pair.privateKey().encoded(),
                HexFormat.of().withUpperCase().formatHex(pair.publicKey().der()), null);
        try {
            store.write(s -> {
                s.getMapper(HostKeyMapper.class).insert(key);
                s.getMapper(AuditLogMapper.class).insert(new AuditEntry(null, Instant.now(), actor, "host-key.create",
                        name, null, "OK", algorithm + " public key sha256 " + pair.publicKey().fingerprint(), null,
                        "public key " + key.publicKey()));
                return null;
            });
            LOG.info("made the host's {} signing key, public key sha256 {}", algorithm, pair.publicKey().fingerprint());
            return key;
        } catch (RuntimeException e) {
            if (Store.isDuplicateKey(e)) {
                // another node made it first: use theirs, so every terminal sees one host key
                return store.read(s -> s.getMapper(HostKeyMapper.class).find(name));
            }
            throw e;
        }
    }
}
