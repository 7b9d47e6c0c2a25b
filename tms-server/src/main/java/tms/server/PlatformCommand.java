package tms.server;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import tms.admin.Actor;
import tms.admin.ZoneKeys;
import tms.hsm.KeyAlgorithm;
import tms.hsm.KeyUsage;
import tms.hsm.WrappedKey;

/** platform: the link to the upstream payment platform. */
@Command(name = "platform", mixinStandardHelpOptions = true, description = "The link to the upstream payment platform.",
        subcommands = {PlatformCommand.ZoneKey.class})
public final class PlatformCommand {

    /** The zone keys the link needs. */
    enum ZoneKeyUsage {
        ZPK, ZAK
    }

    /** The algorithms a zone key may be of. */
    enum ZoneKeyAlgorithm {
        TDES, AES
    }

    /** platform zone-key: a zone key formed from the custodians' components, replacing the one stored. */
    @Command(name = "zone-key", mixinStandardHelpOptions = true,
            description = {"Form the zone PIN key (ZPK) or zone MAC key (ZAK) shared with the payment platform from",
                    "the custodians' clear components, read from standard input (hex, one per line, 1 to 3; Ctrl+D",
                    "ends), store it under the LMK and print its check value to compare with the platform's."})
    static final class ZoneKey implements Callable<Integer> {

        @Mixin
        InstallationOptions installation;

        @Option(names = "--usage", required = true, paramLabel = "ZPK|ZAK",
                description = "ZPK: PINs to the platform; ZAK: MACs on the link.")
        ZoneKeyUsage usage;

        @Option(names = "--algorithm", defaultValue = "TDES", paramLabel = "TDES|AES",
                description = "The key's cipher (default ${DEFAULT-VALUE}); an AES ZPK carries format-4 PIN blocks.")
        ZoneKeyAlgorithm algorithm;

        @Option(names = "--kcv", paramLabel = "HEX",
                description = "Expected check value (8 hex characters): nothing is stored on a mismatch.")
        String expectedCheckValue;

        @Override
        public Integer call() throws IOException {
            List<byte[]> components = readComponents();
            try (Installation inst = Installation.open(installation, System.err)) {
                WrappedKey key = new ZoneKeys(inst.store(), inst.hsm(), Clock.systemUTC()).form(
                        KeyUsage.valueOf(usage.name()), KeyAlgorithm.valueOf(algorithm.name()), components,
                        expectedCheckValue, Actor.commandLine());
                System.out.println(usage + " (" + algorithm + ") stored; check value " + key.checkValueHex());
            }
            return 0;
        }

        private List<byte[]> readComponents() throws IOException {
            List<byte[]> components = TypedComponents.hex(
                    TypedComponents.lines("Enter the " + usage + " components, hex, one per line; end with Ctrl+D:"),
                    "(?i)([0-9a-f]{2})+", (number, line) -> new UserError("component " + number
                            + " is not hexadecimal (an even number of the characters 0-9, A-F)"));
            if (components.isEmpty() || components.size() > 3) {
                throw new UserError("give 1 to 3 components, one per line; got " + components.size());
            }
            return components;
        }
    }
}
