package tms.admin.console;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import tms.admin.ActivationApplications;
import tms.admin.ApplicationQueue;
import tms.admin.ApplicationView;
import tms.admin.PlatformResultRefused;
import tms.admin.PlatformResultReport;
import tms.store.ApplicationBatch;
import tms.store.ApplicationState;

/**
 * Applications sent to the payment platform in batches: choosing those that passed first review, the file for the
 * platform, and the platform's result file (every line recorded, or nothing and a report of each problem).
 */
public final class PlatformBatchSection implements ConsoleSection {

    private final ActivationApplications applications;
    private final ApplicationQueue queue;

    public PlatformBatchSection(ActivationApplications applications, ApplicationQueue queue) {
        this.applications = applications;
        this.queue = queue;
    }

    @Override
    public List<Route> routes() {
        return ApplicationSection.answering404(List.of(
                Route.get("/application-batches", "batches sent to the platform, and applications ready for one",
                        ApplicationSection.READ, this::list),
                Route.get("/api/v1/application-batches", "batches sent to the platform", ApplicationSection.READ,
                        this::list),
                Route.post("/application-batches", "batch the selected applications for the platform",
                        ApplicationSection.PLATFORM, this::create),
                Route.post("/api/v1/application-batches", "batch the given applications for the platform",
                        ApplicationSection.PLATFORM, this::create),
                Route.get("/application-batches/{id}", "one batch and its applications", ApplicationSection.READ,
                        this::show),
                Route.get("/api/v1/application-batches/{id}", "one batch and its applications",
                        ApplicationSection.READ, this::show),
                Route.get("/application-batches/{id}/file", "the batch's file for the platform (CSV)",
                        ApplicationSection.READ, this::file),
                Route.get("/api/v1/application-batches/{id}/file", "the batch's file for the platform (CSV)",
                        ApplicationSection.READ, this::file),
                Route.post("/application-batches/{id}/result", "import the platform's result file",
                        ApplicationSection.PLATFORM, this::result),
                Route.post("/api/v1/application-batches/{id}/result", "import the platform's result file (multipart)",
                        ApplicationSection.PLATFORM, this::result)));
    }

    private Reply list(ConsoleRequest r) {
        List<ApplicationBatch> batches = queue.batches();
        if (r.api()) {
            return Reply.json(Map.of("batches", batches));
        }
        Map<String, Object> p = new HashMap<>();
        p.put("batches", batches);
        p.put("ready", queue.list(null, EnumSet.of(ApplicationState.APPROVED_FIRST_REVIEW)));
        p.put("canAnswer", r.user().holdsAny(ApplicationSection.PLATFORM));
        return Reply.page("applications/batches.jte", "Batches for the platform", p);
    }

    private Reply create(ConsoleRequest r) {
        List<Long> ids = new ArrayList<>();
        String[] values = r.http().getParameterValues("application");
        for (String value : values == null ? new String[0] : values) {
            for (String part : value.split("[,\\s]+")) {
                if (part.isBlank()) {
                    continue;
                }
                try {
                    ids.add(Long.parseLong(part.trim()));
                } catch (NumberFormatException e) {
                    throw new InputRefused("application '" + part + "' is not an application number");
                }
            }
        }
        long batchId = ApplicationSection.fieldRefusals(() -> applications.batch(ids, r.actor()));
        if (r.api()) {
            return Reply.json(201, batchBody(batchId));
        }
        return Reply.redirect("/application-batches/" + batchId);
    }

    private Reply show(ConsoleRequest r) {
        long id = ApplicationSection.id(r);
        if (r.api()) {
            return Reply.json(batchBody(id));
        }
        Map<String, Object> p = new HashMap<>();
        p.put("batch", batch(id));
        p.put("applications", queue.inBatch(id));
        p.put("canAnswer", r.user().holdsAny(ApplicationSection.PLATFORM));
        return Reply.page("applications/batch.jte", "Batch " + id, p);
    }

    private Reply file(ConsoleRequest r) {
        long id = ApplicationSection.id(r);
        ApplicationQueue.BatchFile file = queue.batchFile(id)
                .orElseThrow(() -> new ApplicationSection.NotFound("there is no batch " + id));
        return Reply.download(file.name(), "text/csv; charset=utf-8", file.content());
    }

    private Reply result(ConsoleRequest r) throws IOException {
        long id = ApplicationSection.id(r);
        batch(id);
        byte[] content;
        try (InputStream in = r.upload("file")) {
            if (in == null) {
                throw new InputRefused("upload the platform's result file as file (CSV: application_id,result,reason)");
            }
            content = in.readNBytes(1024 * 1024 + 1);
        }
        PlatformResultReport report;
        int status;
        try {
            report = ApplicationSection.fieldRefusals(() -> applications.importPlatformResult(id, content, r.actor()));
            status = 200;
        } catch (PlatformResultRefused e) {
            report = e.report();
            status = 400;
        }
        if (r.api()) {
            return Reply.json(status, report);
        }
        Map<String, Object> p = new HashMap<>();
        p.put("batch", batch(id));
        p.put("report", report);
        return new Reply.Page(status, "applications/result.jte", "Platform result for batch " + id, p);
    }

    private ApplicationBatch batch(long id) {
        return queue.batch(id).orElseThrow(() -> new ApplicationSection.NotFound("there is no batch " + id));
    }

    private Map<String, Object> batchBody(long id) {
        List<ApplicationView> in = queue.inBatch(id);
        return Map.of("batch", batch(id), "applications", in);
    }
}
