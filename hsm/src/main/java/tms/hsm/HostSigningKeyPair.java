package tms.hsm;

/** A host signing key pair as the module hands it out: the private key wrapped, the public key in clear. */
public record HostSigningKeyPair(WrappedPrivateKey privateKey, HostPublicKey publicKey) {
}
