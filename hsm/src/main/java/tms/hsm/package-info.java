/**
 * Every key and every cipher of the terminal management server, behind {@link tms.hsm.SecurityModule}.
 *
 * <p>The rule of this package: it is the only place in the project where a clear key may exist.
 * Whatever leaves it is a key wrapped under the LMK ({@link tms.hsm.WrappedKey}), a key encrypted
 * under another key (field 62 of a sign-in), a check value, a MAC or a hash. Clear keys live in
 * package-private classes only, are zeroed after use where the code holds the array, and are never
 * logged: the log names operations, key usages and check values, never key bytes, blobs, MAB content
 * or PANs.
 *
 * <p>All ciphers come from Bouncy Castle's lightweight API ({@code org.bouncycastle.crypto}), not from
 * JCE providers, so that the behaviour does not depend on which providers a JVM has installed and so
 * that a hardware HSM adapter can replace {@link tms.hsm.SoftwareSecurityModule} operation by operation.
 *
 * <p>Keys at rest are wrapped with AES key wrap with padding (RFC 5649) under the 256-bit
 * {@link tms.hsm.Lmk}; the wrapped payload binds the key's usage and length, so a blob can be unwrapped
 * only as what it was made for.
 */
package tms.hsm;
