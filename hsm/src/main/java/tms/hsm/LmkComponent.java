package tms.hsm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import org.bouncycastle.crypto.digests.SHA256Digest;

/** One custodian's share of the LMK: 32 random bytes, XORed with the other shares by {@link Lmk#fromComponents}. */
public record LmkComponent(byte[] value) {

    // The printable form (#toText()) is meant to be copied by hand, so it carries checks that locate a typo:
    //
    // # LMK component (AES-256), check value 1A2B3C
    // 1:   0123 4567 89AB CDEF   5A
    // 2:   0123 4567 89AB CDEF   11
    // 3:   0123 4567 89AB CDEF   E2
    // 4:   0123 4567 89AB CDEF   07
    // C:   3C   1F   22   9B
    // KCV: 1A2B3C
    //
    // Each of the 4 lines holds 4 groups of 4 hex digits (8 bytes) and a 2-digit line check; the C: line holds
    // one 2-digit check per column. A mistyped group fails the check of its line and of its column, which names it.
    // The checks are the first byte of SHA-256 over a label and the 8 bytes of the line or column: a hash, not a sum,
    // so that they give away no linear relation between key bits, and over 64 bits, so that no group can be searched
    // for alone. The KCV line is the component's check value (AES-CMAC of 16 zero bytes, first 3 bytes, as for
    // Lmk#checkValueHex()), which custodians compare with the one the module logs.
    //
    // The value is copied in and out; equality compares the bytes; #toString() shows the check value only.

    private static final int BYTES = Lmk.KEY_BYTES;
    private static final int ROWS = 4;
    private static final int COLUMNS = 4;
    private static final int GROUP_BYTES = 2;
    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    private static final String ROW_LABEL = "tms.hsm lmk-component row ";
    private static final String COLUMN_LABEL = "tms.hsm lmk-component column ";

    /** Validates (32 bytes, not all zeros) and copies the value. */
    public LmkComponent {
        if (value == null || value.length != BYTES) {
            throw new HsmException("the LMK component has " + (value == null ? "no" : value.length) + " bytes; expected "
                    + BYTES + " (an AES-256 component)");
        }
        int or = 0;
        for (byte b : value) {
            or |= b;
        }
        if (or == 0) {
            throw new HsmException("the LMK component is all zeros; expected a random component (Lmk.newComponent)");
        }
        value = value.clone();
    }

    /** The component's bytes (a copy, which the caller should zero once used). */
    @Override
    public byte[] value() {
        return value.clone();
    }

    /** AES-CMAC of 16 zero bytes under the component, first 3 bytes as 6 uppercase hex characters. */
    public String checkValueHex() {
        return Lmk.checkValueOf(value);
    }

    /** The printable form for the custodian (see the class comment); {@link #parse(String)} reads it back. */
    public String toText() {
        String checkValue = checkValueHex();
        StringBuilder text = new StringBuilder(256);
        text.append("# LMK component (AES-256), check value ").append(checkValue).append('\n');
        for (int row = 0; row < ROWS; row++) {
            text.append(row + 1).append(":  ");
            for (int column = 0; column < COLUMNS; column++) {
                int at = (row * COLUMNS + column) * GROUP_BYTES;
                text.append(' ').append(HEX.formatHex(value, at, at + GROUP_BYTES));
            }
            text.append("   ").append(HEX.toHexDigits((byte) rowCheck(value, row))).append('\n');
        }
        text.append("C:  ");
        for (int column = 0; column < COLUMNS; column++) {
            text.append(' ').append(HEX.toHexDigits((byte) columnCheck(value, column))).append(column < COLUMNS - 1 ? "  " : "");
        }
        text.append('\n').append("KCV: ").append(checkValue).append('\n');
        return text.toString();
    }

    /**
     * Reads the printable form back, verifying every line check, column check and the check value. Blank lines and
     * lines starting with {@code #} are ignored; case and spacing are free. The error names the mistyped group when
     * the checks can tell it, and never shows the digits.
     */
    public static LmkComponent parse(String text) {
        if (text == null) {
            throw new HsmException("the LMK component text is null; expected the lines 1: to 4:, C: and KCV: of a printed component");
        }
        String[] expected = {"1:", "2:", "3:", "4:", "C:", "KCV:"};
        List<String[]> lines = new ArrayList<>();
        for (String line : text.split("\\R")) {
            String trimmed = line.strip();
            if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                lines.add(trimmed.toUpperCase(Locale.ROOT).split("\\s+"));
            }
        }
        if (lines.size() != expected.length) {
            throw new HsmException("the LMK component text has " + lines.size() + " lines (besides blank and # lines); "
                    + "expected 6: 1:, 2:, 3:, 4: (4 groups of 4 hex digits and a line check), C: (4 column checks), KCV:");
        }
        for (int n = 0; n < expected.length; n++) {
            if (!expected[n].equals(lines.get(n)[0])) {
                throw new HsmException("line " + (n + 1) + " of the LMK component text does not start with '" + expected[n]
                        + "'; expected the lines 1:, 2:, 3:, 4:, C:, KCV: in that order");
            }
        }
        byte[] value = new byte[BYTES];
        try {
            int[] rowChecks = new int[ROWS];
            for (int row = 0; row < ROWS; row++) {
                String[] items = lines.get(row);
                if (items.length != 1 + COLUMNS + 1) {
                    throw new HsmException("line " + (row + 1) + ": of the LMK component has " + (items.length - 1)
                            + " items after its label; expected 4 groups of 4 hex digits and a 2-digit line check");
                }
                for (int column = 0; column < COLUMNS; column++) {
                    String group = items[1 + column];
                    if (!isHex(group, 4)) {
                        throw new HsmException("group " + (row * COLUMNS + column + 1) + " (line " + (row + 1) + ", column "
                                + (column + 1) + ") of the LMK component is not 4 hexadecimal digits");
                    }
                    int at = (row * COLUMNS + column) * GROUP_BYTES;
                    value[at] = (byte) HexFormat.fromHexDigits(group, 0, 2);
                    value[at + 1] = (byte) HexFormat.fromHexDigits(group, 2, 4);
                }
                rowChecks[row] = check(items[1 + COLUMNS], "the line check of line " + (row + 1));
            }
            String[] columnItems = lines.get(ROWS);
            if (columnItems.length != 1 + COLUMNS) {
                throw new HsmException("line C: of the LMK component has " + (columnItems.length - 1)
                        + " items after its label; expected 4 column checks of 2 hex digits");
            }
            int[] columnChecks = new int[COLUMNS];
            for (int column = 0; column < COLUMNS; column++) {
                columnChecks[column] = check(columnItems[1 + column], "the check of column " + (column + 1));
            }
            String[] kcvItems = lines.get(ROWS + 1);
            if (kcvItems.length != 2 || !isHex(kcvItems[1], 6)) {
                throw new HsmException("line KCV: of the LMK component does not hold one check value of 6 hex digits");
            }
            locateTypo(value, rowChecks, columnChecks);
            LmkComponent component = new LmkComponent(value);
            // constant time, as for any check value comparison; a mismatch here means the KCV line itself was mistyped
            if (!MessageDigest.isEqual(component.checkValueHex().getBytes(StandardCharsets.US_ASCII),
                    kcvItems[1].getBytes(StandardCharsets.US_ASCII))) {
                throw new HsmException("the LMK component matches its line and column checks but not its check value "
                        + kcvItems[1] + ": the KCV line was probably mistyped (or, rarely, a group slipped past its checks); "
                        + "compare it with the custodian's copy");
            }
            return component;
        } finally {
            Arrays.fill(value, (byte) 0);
        }
    }

    // A single mistyped group fails exactly one line and one column: name it. Anything else is reported as it is.
    private static void locateTypo(byte[] value, int[] rowChecks, int[] columnChecks) {
        List<Integer> badRows = new ArrayList<>();
        List<Integer> badColumns = new ArrayList<>();
        for (int row = 0; row < ROWS; row++) {
            if (rowCheck(value, row) != rowChecks[row]) {
                badRows.add(row + 1);
            }
        }
        for (int column = 0; column < COLUMNS; column++) {
            if (columnCheck(value, column) != columnChecks[column]) {
                badColumns.add(column + 1);
            }
        }
        if (badRows.isEmpty() && badColumns.isEmpty()) {
            return;
        }
        if (badRows.size() == 1 && badColumns.size() == 1) {
            int row = badRows.get(0);
            int column = badColumns.get(0);
            throw new HsmException("group " + ((row - 1) * COLUMNS + column) + " (line " + row + ", column " + column
                    + ") of the LMK component was mistyped: it fails the checks of its line and of its column");
        }
        if (badColumns.isEmpty() && badRows.size() == 1) {
            throw new HsmException("line " + badRows.get(0) + " of the LMK component fails its line check but every column "
                    + "check holds: the line check of line " + badRows.get(0) + " was probably mistyped");
        }
        if (badRows.isEmpty() && badColumns.size() == 1) {
            throw new HsmException("column " + badColumns.get(0) + " of the LMK component fails its check but every line "
                    + "check holds: the check of column " + badColumns.get(0) + " on line C: was probably mistyped");
        }
        throw new HsmException("the LMK component fails the checks of lines " + badRows + " and columns " + badColumns
                + ": more than one group or check was mistyped; compare it with the custodian's copy");
    }

    private static int check(String item, String what) {
        if (!isHex(item, 2)) {
            throw new HsmException(what + " of the LMK component is not 2 hexadecimal digits");
        }
        return HexFormat.fromHexDigits(item);
    }

    private static boolean isHex(String item, int length) {
        if (item.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (Character.digit(item.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    private static int rowCheck(byte[] value, int row) {
        byte[] line = Arrays.copyOfRange(value, row * COLUMNS * GROUP_BYTES, (row + 1) * COLUMNS * GROUP_BYTES);
        try {
            return firstHashByte(ROW_LABEL + (row + 1), line);
        } finally {
            Arrays.fill(line, (byte) 0);
        }
    }

    private static int columnCheck(byte[] value, int column) {
        byte[] groups = new byte[ROWS * GROUP_BYTES];
        try {
            for (int row = 0; row < ROWS; row++) {
                System.arraycopy(value, (row * COLUMNS + column) * GROUP_BYTES, groups, row * GROUP_BYTES, GROUP_BYTES);
            }
            return firstHashByte(COLUMN_LABEL + (column + 1), groups);
        } finally {
            Arrays.fill(groups, (byte) 0);
        }
    }

    private static int firstHashByte(String label, byte[] data) {
        SHA256Digest digest = new SHA256Digest();
        byte[] labelBytes = label.getBytes(StandardCharsets.US_ASCII);
        digest.update(labelBytes, 0, labelBytes.length);
        digest.update((byte) 0);
        digest.update(data, 0, data.length);
        byte[] out = new byte[digest.getDigestSize()];
        digest.doFinal(out, 0);
        return out[0] & 0xFF;
    }

    /**
     * Writes {@link #toText()} to a new file readable by its owner only (0400 where the file system has POSIX
     * permissions); refuses to overwrite an existing file and does not create directories.
     */
    public void writeOwnerOnly(Path file) {
        if (file == null) {
            throw new HsmException("the LMK component file path is null; expected a path for a new file");
        }
        Path path = file.toAbsolutePath();
        boolean posix = path.getFileSystem().supportedFileAttributeViews().contains("posix");
        byte[] text = toText().getBytes(StandardCharsets.US_ASCII);
        try {
            // created as 0600 before any byte is written (createFile fails if the file exists), then made read-only
            FileAttribute<?>[] attributes = posix
                    ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                    : new FileAttribute<?>[0];
            Files.createFile(path, attributes);
            Files.write(path, text, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.SYNC);
            if (posix) {
                Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("r--------"));
            }
        } catch (FileAlreadyExistsException e) {
            throw new HsmException("the LMK component file " + path + " already exists; refusing to overwrite it "
                    + "(expected a path for a new file)", e);
        } catch (NoSuchFileException e) {
            throw new HsmException("the directory of the LMK component file " + path + " does not exist; expected an "
                    + "existing directory", e);
        } catch (IOException e) {
            throw new HsmException("cannot write the LMK component file " + path + ": " + e, e);
        } finally {
            Arrays.fill(text, (byte) 0);
        }
    }

    /**
     * Reads a component file written by {@link #writeOwnerOnly(Path)} and verifies its checks ({@link #parse}).
     * Refuses a file that its group or others may read or write, before reading a byte of it: a component that
     * others could have copied is no longer one custodian's secret.
     */
    public static LmkComponent readOwnerOnly(Path file) {
        if (file == null) {
            throw new HsmException("the LMK component file path is null; expected the custodian's component file");
        }
        Path path = file.toAbsolutePath();
        byte[] bytes = null;
        try {
            if (!Files.isRegularFile(path)) {
                throw new HsmException("the LMK component file " + path + " does not exist or is not a regular file; "
                        + "expected a file written by `tms lmk init`");
            }
            if (path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                java.util.Set<java.nio.file.attribute.PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
                java.util.Set<java.nio.file.attribute.PosixFilePermission> shared = java.util.EnumSet.copyOf(permissions);
                shared.removeAll(java.util.EnumSet.of(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                        java.nio.file.attribute.PosixFilePermission.OWNER_WRITE,
                        java.nio.file.attribute.PosixFilePermission.OWNER_EXECUTE));
                if (!shared.isEmpty()) {
                    throw new HsmException("the LMK component file " + path + " has permissions "
                            + PosixFilePermissions.toString(permissions) + ": its group or others may use it. Make it "
                            + "its owner's only with `chmod 400 " + path + "`, and ask the custodian whether anyone "
                            + "else could have read it (if so, run a new key ceremony and rotate the LMK)");
                }
            }
            bytes = Files.readAllBytes(path);
            return parse(new String(bytes, StandardCharsets.US_ASCII));
        } catch (HsmException e) {
            if (e.getMessage().contains(path.toString())) {
                throw e;
            }
            throw new HsmException("the LMK component file " + path + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new HsmException("cannot read the LMK component file " + path + ": " + e, e);
        } finally {
            if (bytes != null) {
                Arrays.fill(bytes, (byte) 0);
            }
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LmkComponent that && MessageDigest.isEqual(value, that.value);
    }

    @Override
    public int hashCode() {
        // from the check value, not the bytes: a hash code can end up in a log or a heap histogram
        return checkValueHex().hashCode();
    }

    /** The check value only: the component stays out of logs. */
    @Override
    public String toString() {
        return "LmkComponent[check value " + checkValueHex() + "]";
    }
}
