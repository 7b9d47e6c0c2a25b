package tms.hsm;

import java.io.IOException;
import java.math.BigInteger;
import java.security.SecureRandom;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.gm.GMNamedCurves;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.generators.RSAKeyPairGenerator;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECNamedDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.RSAKeyGenerationParameters;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.params.RSAPrivateCrtKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PrivateKeyInfoFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/** Makes RSA and SM2 (sm2p256v1) key pairs and converts them to and from PKCS#8 and SubjectPublicKeyInfo DER. */
final class AsymmetricKeys {

    /**
     * sm2p256v1 as a named domain, so that PKCS#8 and SubjectPublicKeyInfo name the curve by its OID
     * (1.2.156.10197.1.301) instead of spelling out its parameters, which many SM2 implementations refuse.
     */
    static final ECNamedDomainParameters SM2_DOMAIN =
            new ECNamedDomainParameters(GMObjectIdentifiers.sm2p256v1, GMNamedCurves.getByOID(GMObjectIdentifiers.sm2p256v1));

    private static final BigInteger RSA_PUBLIC_EXPONENT = BigInteger.valueOf(65537);

    private AsymmetricKeys() {
    }

    /** A fresh RSA key pair with e = 65537. */
    static AsymmetricCipherKeyPair generateRsa(int bits, SecureRandom random) {
        RSAKeyPairGenerator generator = new RSAKeyPairGenerator();
        // Miller-Rabin certainty as FIPS 186-4 table C.3 asks for these sizes (error below 2^-112 / 2^-128)
        generator.init(new RSAKeyGenerationParameters(RSA_PUBLIC_EXPONENT, random, bits, bits <= 2048 ? 112 : 128));
        return generator.generateKeyPair();
    }

    /** A fresh SM2 key pair on sm2p256v1. */
    static AsymmetricCipherKeyPair generateSm2(SecureRandom random) {
        ECKeyPairGenerator generator = new ECKeyPairGenerator();
        generator.init(new ECKeyGenerationParameters(SM2_DOMAIN, random));
        AsymmetricCipherKeyPair pair = generator.generateKeyPair();
        // GB/T 32918.2 signing computes (1 + d)^-1 mod n, so d = n - 1 is not a valid SM2 private key
        return usableSm2((ECPrivateKeyParameters) pair.getPrivate()) ? pair : generateSm2(random);
    }

    /** The PKCS#8 PrivateKeyInfo DER of a private key; the caller zeroes the array once it is wrapped. */
    static byte[] pkcs8(AsymmetricKeyParameter privateKey) {
        try {
            return PrivateKeyInfoFactory.createPrivateKeyInfo(privateKey).getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new HsmException("the private key cannot be encoded as PKCS#8", e);
        }
    }

    /** The SubjectPublicKeyInfo DER of a public key. */
    static byte[] subjectPublicKeyInfo(AsymmetricKeyParameter publicKey) {
        try {
            return SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(publicKey).getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new HsmException("the public key cannot be encoded as SubjectPublicKeyInfo", e);
        }
    }

    /**
     * The key pair of a PKCS#8 private key: RSA of 2048 to 4096 bits with its CRT values, or SM2 on sm2p256v1; the
     * public half is derived from the private one, never trusted from the optional field of an EC PKCS#8.
     */
    static AsymmetricCipherKeyPair fromPkcs8(byte[] pkcs8, String whose) {
        if (pkcs8 == null || pkcs8.length == 0) {
            throw new HsmException(whose + " is " + (pkcs8 == null ? "null" : "empty") + "; expected PKCS#8 DER");
        }
        AsymmetricKeyParameter key;
        try {
            key = PrivateKeyFactory.createKey(PrivateKeyInfo.getInstance(ASN1Primitive.fromByteArray(pkcs8)));
        } catch (IOException | RuntimeException e) {
            // the cause's message could quote key material, so it is not repeated here
            throw new HsmException(whose + " is not a PKCS#8 PrivateKeyInfo of an RSA or SM2 key");
        }
        if (key instanceof RSAPrivateCrtKeyParameters rsa) {
            RSAKeyParameters publicKey = new RSAKeyParameters(false, rsa.getModulus(), rsa.getPublicExponent());
            PublicKeyDer.checkRsa(new RSAPublicKey(rsa.getModulus(), rsa.getPublicExponent()), whose);
            return new AsymmetricCipherKeyPair(publicKey, rsa);
        }
        if (key instanceof ECPrivateKeyParameters ec) {
            ECDomainParameters domain = ec.getParameters();
            if (!(domain instanceof ECNamedDomainParameters named) || !GMObjectIdentifiers.sm2p256v1.equals(named.getName())) {
                throw new HsmException(whose + " is an EC key not on sm2p256v1 (" + GMObjectIdentifiers.sm2p256v1
                        + "); the only EC keys accepted are SM2 keys named by that curve OID");
            }
            if (!usableSm2(ec)) {
                throw new HsmException(whose + " has d = n - 1, which GB/T 32918.2 does not allow as an SM2 private key");
            }
            ECPublicKeyParameters publicKey = new ECPublicKeyParameters(
                    new FixedPointCombMultiplier().multiply(SM2_DOMAIN.getG(), ec.getD()).normalize(), SM2_DOMAIN);
            return new AsymmetricCipherKeyPair(publicKey, new ECPrivateKeyParameters(ec.getD(), SM2_DOMAIN));
        }
        throw new HsmException(whose + " is a " + key.getClass().getSimpleName().replace("PrivateKeyParameters", "")
                + " key; expected RSA (with CRT values) or SM2");
    }

    private static boolean usableSm2(ECPrivateKeyParameters key) {
        return !key.getD().equals(key.getParameters().getN().subtract(BigInteger.ONE));
    }
}
