package tms.hsm;

import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;

/** Known keys of PROTOCOL.md §7 and a module under a throw-away development LMK. */
final class Fixtures {

    static final String TMK_HEX = "11111111111111111111111111111111";
    static final String PIK_HEX = "22222222222222222222222222222222";
    static final String MAK_HEX = "3333333333333333";
    static final String TDK_HEX = "44444444444444444444444444444444";
    static final String DOUBLE_HEX = "0123456789ABCDEFFEDCBA9876543210";
    static final String MAC_MAK_HEX = "2222222222222222";
    static final String MAB_HEX = "1234567890ABCDEFABCDEF1234567890";

    private Fixtures() {
    }

    static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().withUpperCase().formatHex(bytes);
    }

    static SoftwareSecurityModule module(Path dir) {
        return new SoftwareSecurityModule(Lmk.loadOrCreateDevelopment(dir.resolve("lmk.dev")));
    }

    static WrappedKey known(SecurityModule module, KeyUsage usage, String clearHex) {
        return module.formKeyFromComponents(usage, List.of(hex(clearHex)));
    }
}
