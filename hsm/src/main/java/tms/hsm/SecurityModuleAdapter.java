package tms.hsm;

import java.util.List;

/**
 * The base of an adapter to another security module, e.g. a hardware HSM reached over its host command set: every
 * operation fails with {@link OperationNotSupported} naming it and the module, until the adapter overrides it. An
 * adapter thus replaces {@link SoftwareSecurityModule} operation by operation, and an operation it lacks fails with a
 * clear error at the first call rather than doing something else.
 */
public abstract class SecurityModuleAdapter implements SecurityModule {

    private final String name;

    /** @param name the module's name for error messages, e.g. the HSM's model and address */
    protected SecurityModuleAdapter(String name) {
        if (name == null || name.isBlank()) {
            throw new HsmException("name is blank; expected the module's name for error messages");
        }
        this.name = name;
    }

    /** The module's name, as given. */
    public final String name() {
        return name;
    }

    @Override
    public WrappedKey formKeyFromComponents(KeyUsage usage, List<byte[]> clearComponents) {
        throw new OperationNotSupported("formKeyFromComponents", name);
    }

    @Override
    public WrappedKey formKeyFromComponents(KeyUsage usage, KeyAlgorithm algorithm, List<byte[]> clearComponents) {
        throw new OperationNotSupported("formKeyFromComponents", name);
    }

    @Override
    public WrappedKey generateKey(KeyUsage usage, int lengthBytes) {
        throw new OperationNotSupported("generateKey", name);
    }

    @Override
    public WrappedKey generateKey(KeyUsage usage, KeyAlgorithm algorithm, int lengthBytes) {
        throw new OperationNotSupported("generateKey", name);
    }

    @Override
    public byte[] checkValue(WrappedKey key) {
        throw new OperationNotSupported("checkValue", name);
    }

    @Override
    public byte[] encryptUnderKek(WrappedKey key, WrappedKey kek) {
        throw new OperationNotSupported("encryptUnderKek", name);
    }

    @Override
    public WrappedKey importUnderKek(KeyUsage usage, byte[] encrypted, WrappedKey kek, byte[] expectedCheckValue) {
        throw new OperationNotSupported("importUnderKek", name);
    }

    @Override
    public byte[] generateMac(WrappedKey mak, byte[] macBlockInput) {
        throw new OperationNotSupported("generateMac", name);
    }

    @Override
    public boolean verifyMac(WrappedKey mak, byte[] macBlockInput, byte[] receivedMac) {
        throw new OperationNotSupported("verifyMac", name);
    }

    @Override
    public byte[] generateMac(MacAlgorithm algorithm, WrappedKey key, byte[] data) {
        throw new OperationNotSupported("generateMac", name);
    }

    @Override
    public boolean verifyMac(MacAlgorithm algorithm, WrappedKey key, byte[] data, byte[] receivedMac) {
        throw new OperationNotSupported("verifyMac", name);
    }

    @Override
    public byte[] translatePin(WrappedKey pik, byte[] pinBlock, String pan, WrappedKey zpk) {
        throw new OperationNotSupported("translatePin", name);
    }

    @Override
    public String decryptTrack(WrappedKey tdk, String encryptedTrack) {
        throw new OperationNotSupported("decryptTrack", name);
    }

    @Override
    public byte[] translateDukptPin(WrappedKey bdk, byte[] ksn, byte[] pinBlock, String pan, WrappedKey zpk) {
        throw new OperationNotSupported("translateDukptPin", name);
    }

    @Override
    public boolean verifyDukptMac(WrappedKey bdk, byte[] ksn, byte[] data, byte[] receivedMac) {
        throw new OperationNotSupported("verifyDukptMac", name);
    }

    @Override
    public byte[] generateDukptMac(WrappedKey bdk, byte[] ksn, byte[] data) {
        throw new OperationNotSupported("generateDukptMac", name);
    }

    @Override
    public String panHash(String pan) {
        throw new OperationNotSupported("panHash", name);
    }

    @Override
    public String idNumberHash(String idNumber) {
        throw new OperationNotSupported("idNumberHash", name);
    }

    @Override
    public String activationCodeHash(String serialNumber, String code) {
        throw new OperationNotSupported("activationCodeHash", name);
    }

    @Override
    public boolean activationCodeMatches(String serialNumber, String code, String storedHash) {
        throw new OperationNotSupported("activationCodeMatches", name);
    }

    @Override
    public HostSigningKeyPair generateHostSigningKey(DeviceKeyAlgorithm algorithm) {
        throw new OperationNotSupported("generateHostSigningKey", name);
    }

    @Override
    public byte[] signAsHost(WrappedPrivateKey key, byte[] data) {
        throw new OperationNotSupported("signAsHost", name);
    }

    @Override
    public byte[] encryptForDevice(WrappedKey tmk, DevicePublicKey device) {
        throw new OperationNotSupported("encryptForDevice", name);
    }

    @Override
    public String exportKeyBlock(WrappedKey key, WrappedKey transportKey) {
        throw new OperationNotSupported("exportKeyBlock", name);
    }

    @Override
    public WrappedKey importFromHost(KeyUsage usage, byte[] encrypted, DeviceKeyPair device, byte[] expectedCheckValue) {
        throw new OperationNotSupported("importFromHost", name);
    }

    @Override
    public WrappedKey importFromHost(KeyUsage usage, KeyAlgorithm algorithm, byte[] encrypted, DeviceKeyPair device, byte[] expectedCheckValue) {
        throw new OperationNotSupported("importFromHost", name);
    }
}
