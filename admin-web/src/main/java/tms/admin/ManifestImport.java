package tms.admin;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import tms.store.InventoryMapper;
import tms.store.ManifestUnit;
import tms.store.Store;
import tms.store.TerminalState;
import tms.store.TerminalStateHistoryMapper;

/**
 * Stocks in a manufacturer's manifest (CSV: serial, psam, iccid, model; docs/inventory.md) all or nothing: every
 * row is checked (formats, repeats within the file, codes already stored) and either every unit goes in IN_STOCK
 * in one transaction, or nothing does and the report names each bad row and what to fix. One audit entry per import.
 */
public final class ManifestImport {

    /** Larger files are refused whole: split them. */
    public static final int MAX_ROWS = 200_000;
    /** How many problems a report lists (all are counted). */
    public static final int PROBLEMS_LISTED = 1_000;
    /** Rows compared with the store per query (an IN list of this many values, on an index). */
    static final int CHECK_SLICE = 1_000;
    /** Rows per multi-row INSERT. */
    static final int INSERT_SLICE = 500;

    static final String SERIAL = "serial";
    static final String PSAM = "psam";
    static final String ICCID = "iccid";
    static final String MODEL = "model";
    /** Header names accepted for each column, lower case; the first is the documented one. */
    private static final Map<String, String> HEADER_NAMES = Map.of(
            "serial", SERIAL, "sn", SERIAL,
            "psam", PSAM,
            "iccid", ICCID, "sim", ICCID,
            "model", MODEL);

    private final Store store;
    private final Clock clock;

    public ManifestImport(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Runs the import of {@code content} for {@code job}, updating its progress, and finishes the job. */
    public void run(ManifestImportJob job, byte[] content) {
        Problems problems = new Problems();
        List<Row> rows = read(content, problems);
        job.rows(rows.size());
        if (problems.count > 0) {
            refuse(job, rows.size(), problems);
            return;
        }
        job.phase(ManifestImportJob.Phase.CHECKING);
        check(job, rows, problems);
        if (problems.count > 0) {
            refuse(job, rows.size(), problems);
            return;
        }
        job.phase(ManifestImportJob.Phase.STORING);
        try {
            storeAll(job, rows);
        } catch (RuntimeException e) {
            if (!Store.isDuplicateKey(e)) {
                throw e;
            }
            problems.add(0, SERIAL, "", "a serial number of this file was stocked in by someone else while the file"
                    + " was being imported; nothing was stored: import the file again to see which");
            refuse(job, rows.size(), problems);
            return;
        }
        job.finish(ManifestImportJob.Phase.STORED, new ManifestReport(job.fileName(), rows.size(), rows.size(), 0,
                List.of(), rows.size() + " unit(s) stocked in, IN_STOCK"));
    }

    /** Records an import that stopped on an unexpected failure (the database went away): nothing was stored. */
    public void fail(ManifestImportJob job, String incident) {
        job.finish(ManifestImportJob.Phase.FAILED, new ManifestReport(job.fileName(), job.rows(), 0, 0, List.of(),
                "the import failed and stored nothing; try again, or tell an administrator incident " + incident));
        try {
            store.write(s -> {
                AuditTrail.record(s, clock.instant(), job.actor(), "inventory.manifest-import", subject(job), "FAILED",
                        "file " + job.fileName() + ", " + job.rows() + " rows, incident " + incident, null, null);
                return null;
            });
        } catch (RuntimeException e) {
            // the store is what failed: the job's report still says so, and the log has the incident
            e.addSuppressed(new IllegalStateException("incident " + incident));
        }
    }

    private List<Row> read(byte[] content, Problems problems) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content)).toString();
        } catch (CharacterCodingException e) {
            problems.add(0, "", "", "the file is not UTF-8 text: save it as \"CSV UTF-8\" and import it again");
            return List.of();
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        String[] lines = text.split("\r\n|\n|\r", -1);
        if (lines.length == 0 || lines[0].isBlank()) {
            problems.add(1, "", "", "the first line must be the header: serial,psam,iccid,model");
            return List.of();
        }
        Map<String, Integer> columns = header(lines[0], problems);
        if (columns == null) {
            return List.of();
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            if (rows.size() == MAX_ROWS) {
                problems.add(i + 1, "", "", "the file has more than " + MAX_ROWS
                        + " units: split it into files of at most " + MAX_ROWS + " rows (each with the header)");
                return List.of();
            }
            rows.add(new Row(i + 1, fields(lines[i]), columns));
        }
        if (rows.isEmpty()) {
            problems.add(2, "", "", "the file has a header and no units: one unit per line below the header");
        }
        return rows;
    }

    private static Map<String, Integer> header(String line, Problems problems) {
        List<String> names = fields(line);
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            String column = HEADER_NAMES.get(names.get(i).toLowerCase(Locale.ROOT));
            if (column == null) {
                problems.add(1, "", names.get(i), "the header names an unknown column '" + names.get(i)
                        + "': the columns are serial, psam, iccid, model");
            } else if (columns.put(column, i) != null) {
                problems.add(1, column, names.get(i), "the header names column " + column + " twice");
            }
        }
        for (String column : List.of(SERIAL, PSAM, ICCID, MODEL)) {
            if (!columns.containsKey(column)) {
                problems.add(1, column, "", "the header has no column " + column
                        + ": the first line must be serial,psam,iccid,model (any order)");
            }
        }
        return problems.count == 0 ? columns : null;
    }

    /** Comma-separated fields, trimmed, a pair of surrounding double quotes removed (spreadsheets add them). */
    static List<String> fields(String line) {
        List<String> out = new ArrayList<>(4);
        for (String raw : line.split(",", -1)) {
            String field = raw.strip();
            if (field.length() >= 2 && field.startsWith("\"") && field.endsWith("\"")) {
                field = field.substring(1, field.length() - 1).replace("\"\"", "\"").strip();
            }
            out.add(field);
        }
        return out;
    }

    private void check(ManifestImportJob job, List<Row> rows, Problems problems) {
        Map<String, Integer> serials = new HashMap<>();
        Map<String, Integer> psams = new HashMap<>();
        Map<String, Integer> iccids = new HashMap<>();
        for (int from = 0; from < rows.size(); from += CHECK_SLICE) {
            List<Row> slice = rows.subList(from, Math.min(rows.size(), from + CHECK_SLICE));
            Map<String, Row> newSerials = new LinkedHashMap<>();
            Map<String, Row> newPsams = new LinkedHashMap<>();
            Map<String, Row> newIccids = new LinkedHashMap<>();
            for (Row row : slice) {
                if (row.fieldCount != 4) {
                    problems.add(row.line, "", row.text(), "the line has " + row.fieldCount
                            + " fields where the header has 4 (serial,psam,iccid,model): a value may contain a comma,"
                            + " or one is missing");
                    continue;
                }
                checkCode(row, SERIAL, row.serial, UnitCodes.serialProblem(row.serial), serials, newSerials,
                        "serial number", problems);
                checkCode(row, PSAM, row.psam, UnitCodes.psamProblem(row.psam), psams, newPsams, "PSAM number",
                        problems);
                checkCode(row, ICCID, row.iccid, UnitCodes.iccidProblem(row.iccid), iccids, newIccids, "SIM ICCID",
                        problems);
                String modelProblem = UnitCodes.modelProblem(row.model);
                if (modelProblem != null) {
                    problems.add(row.line, MODEL, row.model, modelProblem);
                }
            }
            store.read(s -> {
                InventoryMapper inventory = s.getMapper(InventoryMapper.class);
                alreadyStored(newSerials, inventory::existingSerialNumbers, SERIAL, "serial number", problems);
                alreadyStored(newPsams, inventory::existingPsamNumbers, PSAM, "PSAM number", problems);
                alreadyStored(newIccids, inventory::existingSimIccids, ICCID, "SIM ICCID", problems);
                return null;
            });
            job.checked(slice.size());
        }
    }

    /** A well-formed code is compared, without regard to case, with those of the lines before. */
    private static void checkCode(Row row, String column, String value, String formatProblem,
                                  Map<String, Integer> seen, Map<String, Row> toLookUp, String what,
                                  Problems problems) {
        if (formatProblem != null) {
            problems.add(row.line, column, value, formatProblem);
            return;
        }
        if (value.isEmpty()) {
            return;
        }
        String key = value.toUpperCase(Locale.ROOT);
        Integer first = seen.putIfAbsent(key, row.line);
        if (first != null) {
            problems.add(row.line, column, value, what + " " + value + " is also on line " + first
                    + ": each unit is listed once; remove the repeated line or correct the code");
        } else {
            toLookUp.put(key, row);
        }
    }

    private static void alreadyStored(Map<String, Row> values, Function<Collection<String>, List<String>> lookUp,
                                      String column, String what, Problems problems) {
        if (values.isEmpty()) {
            return;
        }
        List<String> asGiven = new ArrayList<>(values.size());
        for (Row row : values.values()) {
            asGiven.add(row.value(column));
        }
        List<Row> found = new ArrayList<>();
        for (String stored : lookUp.apply(asGiven)) {
            Row row = values.get(stored.toUpperCase(Locale.ROOT));
            if (row != null) {
                found.add(row);
            }
        }
        for (Row row : found) {
            problems.add(row.line, column, row.value(column), what + " " + row.value(column)
                    + " is already registered: the unit was stocked in before; remove the line, or correct the code");
        }
    }

    private void storeAll(ManifestImportJob job, List<Row> rows) {
        Instant now = clock.instant();
        store.write(s -> {
            InventoryMapper inventory = s.getMapper(InventoryMapper.class);
            TerminalStateHistoryMapper history = s.getMapper(TerminalStateHistoryMapper.class);
            String detail = TerminalHistory.clip("manifest " + job.fileName());
            for (int from = 0; from < rows.size(); from += INSERT_SLICE) {
                List<Row> slice = rows.subList(from, Math.min(rows.size(), from + INSERT_SLICE));
                List<ManifestUnit> units = new ArrayList<>(slice.size());
                List<String> serials = new ArrayList<>(slice.size());
                for (Row row : slice) {
                    units.add(new ManifestUnit(row.serial, row.psam, row.iccid.isEmpty() ? null : row.iccid, row.model));
                    serials.add(row.serial);
                }
                inventory.insertInStock(units);
                history.recordAll(serials, null, TerminalState.IN_STOCK, "stock-in", detail, job.actor().name(), now);
                job.stored(slice.size());
            }
            AuditTrail.record(s, now, job.actor(), "inventory.manifest-import", subject(job), "OK",
                    "file " + job.fileName() + ", " + rows.size() + " rows stocked in, job " + job.id(), null,
                    "state=IN_STOCK units=" + rows.size());
            return null;
        });
    }

    private void refuse(ManifestImportJob job, int rowCount, Problems problems) {
        problems.listed.sort(Comparator.comparingInt(ManifestProblem::line));
        ManifestReport report = new ManifestReport(job.fileName(), rowCount, 0, problems.count,
                List.copyOf(problems.listed), problems.count + " problem(s) found; nothing was stored: correct the"
                + " rows listed and import the whole file again");
        store.write(s -> {
            ManifestProblem first = problems.listed.get(0);
            String detail = "file " + job.fileName() + ", " + rowCount + " rows, " + problems.count
                    + " problem(s), nothing stored; first: line " + first.line() + " " + first.problem();
            AuditTrail.record(s, clock.instant(), job.actor(), "inventory.manifest-import", subject(job), "REFUSED",
                    detail.length() > 500 ? detail.substring(0, 499) + "…" : detail, null, null);
            return null;
        });
        job.finish(ManifestImportJob.Phase.REFUSED, report);
    }

    private static String subject(ManifestImportJob job) {
        String name = job.fileName();
        return name.length() <= 64 ? name : name.substring(0, 63) + "…";
    }

    /** One data line of the file. */
    private static final class Row {
        final int line;
        final int fieldCount;
        final String serial;
        final String psam;
        final String iccid;
        final String model;
        private final List<String> fields;

        Row(int line, List<String> fields, Map<String, Integer> columns) {
            this.line = line;
            this.fields = fields;
            this.fieldCount = fields.size();
            this.serial = at(fields, columns.get(SERIAL));
            this.psam = at(fields, columns.get(PSAM));
            this.iccid = at(fields, columns.get(ICCID));
            this.model = at(fields, columns.get(MODEL));
        }

        private static String at(List<String> fields, int index) {
            return index < fields.size() ? fields.get(index) : "";
        }

        String value(String column) {
            switch (column) {
                case SERIAL:
                    return serial;
                case PSAM:
                    return psam;
                case ICCID:
                    return iccid;
                default:
                    return model;
            }
        }

        String text() {
            String joined = String.join(",", fields);
            return joined.length() <= 80 ? joined : joined.substring(0, 79) + "…";
        }
    }

    /** Every problem counted, the first {@link #PROBLEMS_LISTED} kept. */
    private static final class Problems {
        final List<ManifestProblem> listed = new ArrayList<>();
        int count;

        void add(int line, String column, String value, String problem) {
            count++;
            if (listed.size() < PROBLEMS_LISTED) {
                listed.add(new ManifestProblem(line, column, value, problem));
            }
        }
    }
}
