package tms.admin;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import tms.hsm.Lmk;
import tms.hsm.SoftwareSecurityModule;
import tms.store.ApplicationKind;
import tms.store.Store;
import tms.store.Terminal;
import tms.store.TerminalMapper;
import tms.store.TerminalState;

/** A store with terminals, a security module and the application services, on a clock the test moves. */
public final class ApplicationFixture {

    /** A Monday, 10:00 in Beijing. */
    public static final Instant MONDAY = Instant.parse("2024-03-11T02:00:00Z");
    public static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0};
    public static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};

    public final Store store;
    public final SoftwareSecurityModule hsm;
    public final MovableClock clock = new MovableClock(MONDAY);
    public final ActivationApplications applications;
    public final ApplicationQueue queue;

    public ApplicationFixture(Store store, Path dir) {
        this.store = store;
        this.hsm = new SoftwareSecurityModule(Lmk.loadOrCreateDevelopment(dir.resolve("lmk.dev")));
        this.applications = new ActivationApplications(store, hsm,
                new ActivationCodes(store, hsm, clock, new SecureRandom()), new TerminalRevocation(store, clock), clock);
        this.queue = new ApplicationQueue(store, clock);
    }

    /** A valid ID number: the 17 digits given and their GB 11643 check character. */
    public static String idNumber(String first17) {
        return first17 + NationalIdNumber.checkCharacter(first17);
    }

    /** The same 17 digits with a check character that does not match them. */
    public static String wrongCheck(String first17) {
        char right = NationalIdNumber.checkCharacter(first17);
        return first17 + (right == '1' ? '2' : '1');
    }

    public void terminal(String serial, TerminalState state, String mid) {
        store.write(s -> {
            s.getMapper(TerminalMapper.class).insert(new Terminal(null, serial, null, null, "N910",
                    state == TerminalState.IN_STOCK ? null : "T" + serial.substring(serial.length() - 7), mid, state,
                    null, null, null, null, null));
            return null;
        });
    }

    public ApplicationForm form(ApplicationKind kind, String serial, String id) {
        return form(kind, serial, id, "898100012340001", "广州小店");
    }

    public ApplicationForm form(ApplicationKind kind, String serial, String id, String mid, String merchant) {
        return new ApplicationForm(kind, serial, mid, merchant, Province.GUANGDONG, "广州市天河区体育西路1号",
                "138 0013 8000", NationalIdNumber.parse(id, java.time.LocalDate.of(2024, 3, 11)),
                IdCardImage.of("front", JPEG), IdCardImage.of("back", PNG));
    }

    public static Actor actor(String name) {
        return new Actor(name, "127.0.0.1");
    }

    /** Every value of every table as text (BLOBs decoded as UTF-8 and as hex-free Latin-1), one cell per entry. */
    public List<String> dump() throws SQLException {
        List<String> cells = new ArrayList<>();
        try (Connection c = store.dataSource().getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            List<String> tables = new ArrayList<>();
            try (ResultSet t = meta.getTables(c.getCatalog(), c.getSchema(), "%", new String[] {"TABLE", "BASE TABLE"})) {
                while (t.next()) {
                    tables.add(t.getString("TABLE_NAME"));
                }
            }
            if (tables.isEmpty()) {
                throw new IllegalStateException("no tables found to dump");
            }
            for (String table : tables) {
                try (Statement st = c.createStatement(); ResultSet rows = st.executeQuery("SELECT * FROM " + table)) {
                    int columns = rows.getMetaData().getColumnCount();
                    while (rows.next()) {
                        for (int i = 1; i <= columns; i++) {
                            Object v = rows.getObject(i);
                            if (v instanceof byte[] bytes) {
                                cells.add(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
                                cells.add(new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1));
                            } else if (v instanceof java.sql.Blob blob) {
                                byte[] bytes = blob.getBytes(1, (int) blob.length());
                                cells.add(new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1));
                            } else if (v != null) {
                                cells.add(table + ": " + v);
                            }
                        }
                    }
                }
            }
        }
        return cells;
    }

    /** A clock a test moves forward by hand. */
    public static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        public void advance(Duration d) {
            now = now.plus(d);
        }

        public void set(Instant at) {
            now = at;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
