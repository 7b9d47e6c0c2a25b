package tms.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import tms.hsm.Lmk;
import tms.hsm.SecurityModule;
import tms.hsm.SoftwareSecurityModule;

/** A software security module under a development LMK that lives only in memory: no key file is left in /tmp. */
final class ThrowAwayModule {

    private ThrowAwayModule() {
    }

    static SecurityModule create() throws IOException {
        Path dir = Files.createTempDirectory("bench");
        Path lmkFile = dir.resolve("lmk.key");
        SecurityModule hsm = new SoftwareSecurityModule(Lmk.loadOrCreateDevelopment(lmkFile));
        Files.delete(lmkFile);
        Files.delete(dir);
        return hsm;
    }
}
