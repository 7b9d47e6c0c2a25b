package tms.admin;

import java.time.Clock;
import java.util.Arrays;
import java.util.List;

import tms.hsm.HsmException;
import tms.hsm.KeyAlgorithm;
import tms.hsm.KeyUsage;
import tms.hsm.SecurityModule;
import tms.hsm.WrappedKey;
import tms.store.Store;
import tms.store.StoredKeyMapper;

/**
 * The zone keys shared with the payment platform: the ZPK (PINs, stored as {@code zone-pin}) and the ZAK (MACs,
 * {@code zone-mac}), formed from the custodians' components inside the security module and kept under the LMK.
 */
public final class ZoneKeys {

    /** The store's name for the zone PIN key. */
    public static final String ZONE_PIN = "zone-pin";
    /** The store's name for the zone MAC key. */
    public static final String ZONE_MAC = "zone-mac";

    private final Store store;
    private final SecurityModule hsm;
    private final Clock clock;

    public ZoneKeys(Store store, SecurityModule hsm, Clock clock) {
        this.store = store;
        this.hsm = hsm;
        this.clock = clock;
    }

    /**
     * Forms the ZPK or ZAK from 1 to 3 clear components (zeroed here), refuses it when {@code expectedCheckValue} is
     * given and differs, and stores it in place of the one before, audited with both check values.
     */
    public WrappedKey form(KeyUsage usage, KeyAlgorithm algorithm, List<byte[]> components, String expectedCheckValue,
                           Actor actor) {
        String name = nameOf(usage);
        WrappedKey key;
        try {
            if (components == null || components.isEmpty() || components.size() > 3) {
                throw new TerminalActionRefused("give 1 to 3 components (one per custodian); got "
                        + (components == null ? 0 : components.size()));
            }
            key = hsm.formKeyFromComponents(usage, algorithm, components);
        } catch (HsmException e) {
            throw new TerminalActionRefused("the components do not form a " + algorithm + " " + usage + ": " + e.getMessage());
        } finally {
            if (components != null) {
                components.forEach(c -> Arrays.fill(c, (byte) 0));
            }
        }
        if (expectedCheckValue != null && !expectedCheckValue.equalsIgnoreCase(key.checkValueHex())) {
            throw new TerminalActionRefused("the components form a key with check value " + key.checkValueHex()
                    + ", not the expected " + expectedCheckValue.toUpperCase() + ": nothing was stored; check the"
                    + " components with their custodians");
        }
        int count = components.size();
        store.write(s -> {
            StoredKeyMapper keys = s.getMapper(StoredKeyMapper.class);
            String before = keys.findZoneKey(name);
            keys.saveZoneKey(name, key.encoded(), key.checkValueHex(), clock.instant());
            AuditTrail.record(s, clock.instant(), actor, "platform.zone-key", name, "OK",
                    algorithm + " " + usage + " formed from " + count + " component(s)",
                    before == null ? null : "cv=" + WrappedKey.decode(before).checkValueHex(), "cv=" + key.checkValueHex());
            return null;
        });
        return key;
    }

    /** The stored ZPK or ZAK, or null when none has been formed yet. */
    public WrappedKey find(KeyUsage usage) {
        String text = store.read(s -> s.getMapper(StoredKeyMapper.class).findZoneKey(nameOf(usage)));
        return text == null ? null : WrappedKey.decode(text);
    }

    private static String nameOf(KeyUsage usage) {
        if (usage == KeyUsage.ZPK) {
            return ZONE_PIN;
        }
        if (usage == KeyUsage.ZAK) {
            return ZONE_MAC;
        }
        throw new TerminalActionRefused("a zone key is a ZPK or a ZAK, not a " + usage);
    }
}
