package tms.admin.console;

import java.io.IOException;
import java.io.InputStream;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.Part;
import tms.admin.FactoryReturns;
import tms.admin.Inspection;
import tms.admin.ManifestImport;
import tms.admin.ManifestImportJob;
import tms.admin.ManifestImportJobs;
import tms.admin.ManifestProblem;
import tms.admin.TerminalDirectory;
import tms.admin.UnitCodes;
import tms.store.StockUnit;

/**
 * The warehouse's pages and API: importing a manufacturer's manifest (a background job whose progress the page
 * polls), inspecting units, and the return-to-factory list. Auditors see every list and report, and change nothing.
 */
public final class InventorySection implements ConsoleSection {

    public static final Set<Role> READ = EnumSet.of(Role.WAREHOUSE, Role.ADMIN, Role.AUDITOR);
    static final Set<Role> WRITE = EnumSet.of(Role.WAREHOUSE, Role.ADMIN);
    /** The largest manifest accepted: 200,000 rows of about 70 bytes, with room. */
    static final int MAX_FILE_BYTES = 32 << 20;

    private final ManifestImportJobs imports;
    private final Inspection inspection;
    private final FactoryReturns returns;
    private final TerminalDirectory directory;

    public InventorySection(ManifestImportJobs imports, Inspection inspection, FactoryReturns returns,
                            TerminalDirectory directory) {
        this.imports = imports;
        this.inspection = inspection;
        this.returns = returns;
        this.directory = directory;
    }

    /** The status of an import as the API reports it; {@code problems} are the first of {@code problemCount}. */
    public record ImportStatus(String id, String fileName, String phase, boolean finished, int rows, int rowsChecked,
                               int rowsStored, String summary, int problemCount, List<ManifestProblem> problems,
                               String status) {

        static ImportStatus of(ManifestImportJob job) {
            var report = job.report();
            return new ImportStatus(job.id(), job.fileName(), job.phase().name(), job.phase().finished(), job.rows(),
                    job.rowsChecked(), job.rowsStored(), report == null ? null : report.summary(),
                    report == null ? 0 : report.problemCount(), report == null ? List.of() : report.problems(),
                    "/api/v1/inventory/imports/" + job.id());
        }
    }

    /** A page of units, and the serial number to ask the next page after (null on the last page). */
    public record UnitPage(List<StockUnit> units, String next) {
    }

    /** An inspection's result as the API takes it: {@code "pass"} or {@code "fail"} with the defect. */
    public record InspectionResult(String result, String reason) {
    }

    @Override
    public List<Route> routes() {
        return List.of(
                Route.get("/inventory", "stock-in: import a manifest, recent imports", READ, this::home),
                Route.post("/inventory/imports", "import a manufacturer's manifest (CSV upload)", WRITE,
                        r -> Reply.redirect("/inventory/imports/" + submit(r).id())),
                Route.get("/inventory/imports/{id}", "a manifest import's progress and report", READ,
                        r -> withJob(r, job -> Reply.page("inventory/importJob.jte", "Manifest import",
                                Map.of("job", job)))),
                Route.get("/inventory/imports/{id}/progress", "a manifest import's progress (htmx fragment)", READ,
                        r -> withJob(r, job -> Reply.page("inventory/importProgress.jte", "Manifest import",
                                Map.of("job", job)))),
                Route.post("/api/v1/inventory/imports", "import a manufacturer's manifest (multipart field manifest)",
                        WRITE, r -> Reply.json(202, ImportStatus.of(submit(r)))),
                Route.get("/api/v1/inventory/imports/{id}", "a manifest import's progress and report", READ,
                        r -> withJob(r, job -> Reply.json(ImportStatus.of(job)))),

                Route.get("/inventory/inspection", "units waiting for inspection; record a result", READ,
                        this::inspectionPage),
                Route.post("/inventory/inspection", "record a unit's inspection (serial, result, reason)", WRITE, r -> {
                    String serial = Fields.serial(r.requiredField("serial"));
                    inspect(serial, r.requiredField("result"), r.field("reason"), r);
                    return Reply.redirect("/inventory/inspection?done=" + serial);
                }),
                Route.get("/api/v1/inventory/inspection", "units waiting for inspection, by serial number", READ,
                        r -> {
                            int size = Fields.size(r);
                            List<StockUnit> units = inspection.awaiting(Fields.after(r), size + 1);
                            return Reply.json(page(units, size));
                        }),
                Route.post("/api/v1/inventory/units/{serial}/inspection",
                        "record a unit's inspection: {result: pass|fail, reason}", WRITE, r -> {
                            InspectionResult body = r.body(InspectionResult.class);
                            if (body == null || body.result() == null) {
                                throw new InputRefused("send {\"result\": \"pass\"} or {\"result\": \"fail\", "
                                        + "\"reason\": \"...\"}");
                            }
                            return Reply.json(inspect(Fields.serial(r.pathParameter("serial")), body.result(),
                                    body.reason(), r));
                        }),

                Route.get("/inventory/returns", "the return-to-factory list", READ, r -> {
                    int size = Fields.size(r);
                    UnitPage units = page(returns.waiting(Fields.after(r), size + 1), size);
                    return Reply.page("inventory/returns.jte", "Return to factory", Map.of("units", units));
                }),
                Route.post("/inventory/returns/{serial}/sent", "mark a defective unit sent back to its factory", WRITE,
                        r -> {
                            returns.markSent(Fields.serial(r.pathParameter("serial")), r.actor());
                            return Reply.redirect("/inventory/returns");
                        }),
                Route.get("/api/v1/inventory/returns", "the return-to-factory list, by serial number", READ, r -> {
                    int size = Fields.size(r);
                    return Reply.json(page(returns.waiting(Fields.after(r), size + 1), size));
                }),
                Route.post("/api/v1/inventory/returns/{serial}/sent", "mark a defective unit sent back to its factory",
                        WRITE, r -> {
                            String serial = Fields.serial(r.pathParameter("serial"));
                            returns.markSent(serial, r.actor());
                            return Reply.json(Map.of("serialNumber", serial, "state", "SENT_TO_FACTORY"));
                        }));
    }

    private Reply home(ConsoleRequest r) {
        return Reply.page("inventory/index.jte", "Stock-in", Map.of("jobs", imports.recent()));
    }

    private ManifestImportJob submit(ConsoleRequest r) throws IOException {
        byte[] content;
        try (InputStream in = r.upload("manifest")) {
            if (in == null) {
                throw new InputRefused("choose the manifest file (CSV, first line serial,psam,iccid,model) to import"
                        + " in the field manifest");
            }
            content = in.readNBytes(MAX_FILE_BYTES + 1);
        }
        if (content.length > MAX_FILE_BYTES) {
            throw new InputRefused("the manifest is larger than " + (MAX_FILE_BYTES >> 20) + " MB: split it into files"
                    + " of at most " + ManifestImport.MAX_ROWS + " rows");
        }
        return imports.submit(fileName(r), content, r.actor());
    }

    /** The name the browser gave the file, without any directory part, as the report and the audit log show it. */
    private static String fileName(ConsoleRequest r) throws IOException {
        String name = null;
        try {
            Part part = r.http().getPart("manifest");
            name = part == null ? null : part.getSubmittedFileName();
        } catch (ServletException e) {
            // upload() has already refused a request that is not multipart
        }
        if (name == null || name.isBlank()) {
            return "manifest.csv";
        }
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1)
                .replaceAll("\\p{Cntrl}", "").strip();
        return name.isEmpty() ? "manifest.csv" : name.length() <= 100 ? name : name.substring(0, 100);
    }

    private Reply withJob(ConsoleRequest r, java.util.function.Function<ManifestImportJob, Reply> reply) {
        String id = r.pathParameter("id");
        return imports.find(id).map(reply).orElseGet(() -> Reply.message(404, "no manifest import " + id
                + " is known here: the console keeps the latest imports until it restarts; the audit log keeps"
                + " every import's outcome"));
    }

    private Reply inspectionPage(ConsoleRequest r) {
        int size = Fields.size(r);
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("units", page(inspection.awaiting(Fields.after(r), size + 1), size));
        String done = r.field("done");
        parameters.put("done", done == null || UnitCodes.serialProblem(done) != null ? null
                : directory.describe(done).map(o -> o.detail()).orElse(null));
        return Reply.page("inventory/inspection.jte", "Inspection", parameters);
    }

    private StockUnit inspect(String serial, String result, String reason, ConsoleRequest r) {
        switch (result.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "pass":
                return inspection.pass(serial, r.actor());
            case "fail":
                if (reason == null || reason.isBlank()) {
                    throw new InputRefused("fill in reason: say what is wrong with unit " + serial
                            + " (it goes on the return-to-factory list with it)");
                }
                if (reason.strip().length() > 200) {
                    throw new InputRefused("shorten reason to at most 200 characters");
                }
                return inspection.fail(serial, reason, r.actor());
            default:
                throw new InputRefused("result must be pass or fail, not '" + result + "'");
        }
    }

    private static UnitPage page(List<StockUnit> units, int size) {
        if (units.size() <= size) {
            return new UnitPage(units, null);
        }
        List<StockUnit> shown = List.copyOf(units.subList(0, size));
        return new UnitPage(shown, shown.get(size - 1).serialNumber());
    }
}
