package tms.store;

import java.time.Instant;

/** A host key pair: the private key wrapped under the LMK, the public key as DER hex. */
public record HostKey(String name, String algorithm, String privateKeyWrapped, String publicKey, Instant createdAt) {

    @Override
    public String toString() {
        return "HostKey[" + name + ", " + algorithm + ", created " + createdAt + "]";
    }
}
