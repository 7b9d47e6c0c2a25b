package tms.simulator;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

import tms.hsm.KeyAlgorithm;
import tms.hsm.WrappedKey;

/**
 * What a simulated terminal keeps between runs: its identity, its TMK (wrapped under the simulator's own
 * LMK, as a real terminal keeps it in its secure element) and its trace counter.
 */
public final class TerminalProfile {

    private final String serialNumber;
    private final String tid;
    private final String mid;
    private WrappedKey tmk;
    private int lastTrace;
    private WrappedKey mak;
    private String batch = "000001";

    public TerminalProfile(String serialNumber, String tid, String mid, WrappedKey tmk, int lastTrace) {
        this.serialNumber = serialNumber;
        this.tid = tid;
        this.mid = mid;
        this.tmk = tmk;
        this.lastTrace = lastTrace;
    }

    public static TerminalProfile load(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new IOException("no simulated terminal at " + file + ": run `sim demo` first, or give --profile");
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        }
        TerminalProfile profile = new TerminalProfile(required(p, "serialNumber", file), required(p, "tid", file),
                required(p, "mid", file), WrappedKey.decode(required(p, "tmk", file)),
                Integer.parseInt(p.getProperty("lastTrace", "0")));
        String mak = p.getProperty("mak");
        profile.signedIn(mak == null || mak.isBlank() ? null : WrappedKey.decode(mak), p.getProperty("batch", "000001"));
        return profile;
    }

    /** Writes atomically, so an interrupted run never leaves half a profile. */
    public void save(Path file) throws IOException {
        Properties p = new Properties();
        p.setProperty("serialNumber", serialNumber);
        p.setProperty("tid", tid);
        p.setProperty("mid", mid);
        p.setProperty("tmk", tmk.encoded());
        p.setProperty("lastTrace", Integer.toString(lastTrace));
        p.setProperty("batch", batch);
        if (mak != null) {
            p.setProperty("mak", mak.encoded());
        }
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temp = Files.createTempFile(parent, "profile", ".tmp");
        try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
            p.store(out, "simulated terminal; tmk and mak are wrapped under the simulator's LMK");
        }
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String required(Properties p, String key, Path file) throws IOException {
        String value = p.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IOException(file + " has no " + key + "; delete it and run `sim demo` again");
        }
        return value;
    }

    /** The next system trace audit number, 000001..999999. */
    public String nextTrace() {
        lastTrace = lastTrace % 999_999 + 1;
        return String.format("%06d", lastTrace);
    }

    /** Keeps the working MAK (wrapped under the simulator's LMK) and batch of a sign-in; null MAK forgets it. */
    public void signedIn(WrappedKey newMak, String newBatch) {
        this.mak = newMak;
        this.batch = newBatch;
    }

    /** The MAK of the last sign-in, or null when the terminal must sign in first. */
    public WrappedKey mak() {
        return mak;
    }

    public String batch() {
        return batch;
    }

    public String serialNumber() {
        return serialNumber;
    }

    public String tid() {
        return tid;
    }

    public String mid() {
        return mid;
    }

    /** Installs a new TMK (a confirmed re-key); the working keys of the old one are forgotten. */
    public void replaceTmk(WrappedKey newTmk) {
        this.tmk = newTmk;
        this.mak = null;
    }

    public WrappedKey tmk() {
        return tmk;
    }

    /** The sign-in a terminal of this TMK makes: 006 (SM4 keys) under an SM4 TMK, otherwise 004 (3DES PIK, MAK, TDK). */
    public String signInLayout() {
        return tmk != null && tmk.algorithm() == KeyAlgorithm.SM4 ? "006" : "004";
    }
}
