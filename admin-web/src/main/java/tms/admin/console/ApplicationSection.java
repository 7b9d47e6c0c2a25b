package tms.admin.console;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import tms.admin.ActivationApplications;
import tms.admin.ApplicationFieldRefused;
import tms.admin.ApplicationForm;
import tms.admin.ApplicationQueue;
import tms.admin.ApplicationView;
import tms.admin.IdCardImage;
import tms.admin.IssuedActivationCode;
import tms.admin.NationalIdNumber;
import tms.admin.Province;
import tms.admin.Region;
import tms.admin.WorkingDays;
import tms.store.ApplicationDocument;
import tms.store.ApplicationKind;
import tms.store.ApplicationState;

/**
 * User management's applications (activation, change, revocation): the regions' queues, entry with the ID card
 * images, first review, corrections, the platform's answer entered by hand (showing an activation code once), the
 * call-back and the archive. Pages and {@code /api/v1} share every endpoint; batches are {@link PlatformBatchSection}.
 */
public final class ApplicationSection implements ConsoleSection {

    /** Who may read applications: user management, administrators, auditors (GET only). */
    public static final Set<Role> READ = EnumSet.of(Role.USER_MANAGEMENT_SPECIALIST, Role.USER_MANAGEMENT_SUPERVISOR,
            Role.ADMIN, Role.AUDITOR);
    /** Who enters, reviews, calls back and archives. */
    static final Set<Role> WORK = EnumSet.of(Role.USER_MANAGEMENT_SPECIALIST, Role.USER_MANAGEMENT_SUPERVISOR,
            Role.ADMIN);
    /** Who deals with the platform: batches and its answers. */
    static final Set<Role> PLATFORM = EnumSet.of(Role.USER_MANAGEMENT_SUPERVISOR, Role.ADMIN);

    private final ActivationApplications applications;
    private final ApplicationQueue queue;

    public ApplicationSection(ActivationApplications applications, ApplicationQueue queue) {
        this.applications = applications;
        this.queue = queue;
    }

    @Override
    public List<Route> routes() {
        List<Route> routes = new java.util.ArrayList<>(List.of(
                Route.get("/applications", "the regions' queues of applications", READ, this::list),
                Route.get("/api/v1/applications", "applications, filtered by region and state", READ, this::list),
                Route.get("/applications/new", "the form to enter an application", WORK, this::form),
                Route.post("/applications", "enter an application with both sides of the ID card", WORK, this::submit),
                Route.post("/api/v1/applications", "enter an application (multipart, with both sides of the ID card)",
                        WORK, this::submit),
                Route.get("/applications/{id}", "one application, its images and history", READ, this::show),
                Route.get("/api/v1/applications/{id}", "one application", READ, this::show),
                Route.get("/applications/{id}/documents/{side}", "one side of the ID card (front or back)", READ,
                        this::document),
                Route.get("/api/v1/applications/{id}/documents/{side}", "one side of the ID card (front or back)",
                        READ, this::document),
                Route.post("/applications/{id}/resubmit", "resubmit corrected papers", WORK, this::resubmit),
                Route.post("/api/v1/applications/{id}/resubmit", "resubmit corrected papers (multipart)", WORK,
                        this::resubmit),
                Route.post("/applications/{id}/platform-answer", "record the platform's answer by hand", PLATFORM,
                        this::platformAnswer),
                Route.post("/api/v1/applications/{id}/platform-answer", "record the platform's answer by hand",
                        PLATFORM, this::platformAnswer)));
        routes.addAll(action("take", "take the application from the region's queue", WORK,
                (r, id) -> applications.take(id, r.user().holdsAny(PLATFORM), r.actor())));
        routes.addAll(action("approve", "pass the first review", WORK,
                (r, id) -> applications.approveFirstReview(id, r.actor())));
        routes.addAll(action("reject", "reject at first review, with the reason", WORK,
                (r, id) -> applications.reject(id, r.field("reason"), r.actor())));
        routes.addAll(action("withdraw", "withdraw the application (the merchant gave up)", WORK,
                (r, id) -> applications.withdraw(id, r.field("reason"), r.actor())));
        routes.addAll(action("call-back", "record the call-back to the merchant", WORK,
                (r, id) -> applications.callBack(id, r.field("notes"), r.actor())));
        routes.addAll(action("archive", "archive the papers", WORK, (r, id) -> applications.archive(id, r.actor())));
        return answering404(routes);
    }

    /** Something the path names that does not exist: answered 404 with the message. */
    static final class NotFound extends RuntimeException {
        NotFound(String message) {
            super(message);
        }
    }

    static List<Route> answering404(List<Route> routes) {
        return routes.stream().map(route -> new Route(route.method(), route.path(), route.roles(), route.summary(),
                route.open(), r -> {
                    try {
                        return route.endpoint().handle(r);
                    } catch (NotFound e) {
                        return Reply.message(404, e.getMessage());
                    }
                })).toList();
    }

    /** A change on one application: the page route redirects back to it, the API answers it as JSON. */
    private interface Action {
        void apply(ConsoleRequest r, long id);
    }

    /** The page's route and the API's, for one change. */
    private List<Route> action(String verb, String summary, Set<Role> roles, Action action) {
        return List.of(Route.post("/applications/{id}/" + verb, summary, roles, r -> run(r, action)),
                Route.post("/api/v1/applications/{id}/" + verb, summary, roles, r -> run(r, action)));
    }

    private Reply run(ConsoleRequest r, Action action) {
        long id = id(r);
        fieldRefusals(() -> {
            action.apply(r, id);
            return null;
        });
        return after(r, id);
    }

    private Reply after(ConsoleRequest r, long id) {
        return r.api() ? Reply.json(view(id)) : Reply.redirect("/applications/" + id);
    }

    private Reply list(ConsoleRequest r) {
        Region region = r.field("region") == null ? null : enumField("region", Region.class, r.field("region"));
        String stateText = r.fieldOr("state", r.api() ? null : "open");
        Set<ApplicationState> states = EnumSet.noneOf(ApplicationState.class);
        if ("open".equalsIgnoreCase(stateText)) {
            for (ApplicationState s : ApplicationState.values()) {
                if (s != ApplicationState.ARCHIVED && s != ApplicationState.WITHDRAWN) {
                    states.add(s);
                }
            }
        } else if (stateText != null && !"all".equalsIgnoreCase(stateText)) {
            states.add(enumField("state", ApplicationState.class, stateText));
        }
        List<ApplicationView> found = queue.list(region, states);
        if (r.api()) {
            return Reply.json(Map.of("applications", found));
        }
        Map<String, Object> p = new HashMap<>();
        p.put("applications", found);
        p.put("waiting", queue.waiting());
        p.put("region", region == null ? "" : region.name());
        p.put("state", stateText == null ? "all" : stateText.toUpperCase(Locale.ROOT));
        p.put("canWork", r.user().holdsAny(WORK));
        return Reply.page("applications/queue.jte", "Applications", p);
    }

    private Reply form(ConsoleRequest r) {
        return Reply.page("applications/new.jte", "New application", Map.of());
    }

    private Reply submit(ConsoleRequest r) throws IOException {
        ApplicationForm form = form(r, true);
        long id = fieldRefusals(() -> applications.submit(form, r.actor()));
        if (r.api()) {
            return Reply.json(201, view(id));
        }
        return Reply.redirect("/applications/" + id);
    }

    private Reply resubmit(ConsoleRequest r) throws IOException {
        long id = id(r);
        ApplicationView current = view(id);
        ApplicationForm form = form(r, false, current);
        fieldRefusals(() -> {
            applications.resubmit(id, form, r.actor());
            return null;
        });
        return after(r, id);
    }

    private Reply show(ConsoleRequest r) {
        ApplicationView a = view(id(r));
        if (r.api()) {
            return Reply.json(a);
        }
        Map<String, Object> p = new HashMap<>();
        p.put("a", a);
        p.put("history", queue.history(a.id()));
        p.put("canWork", r.user().holdsAny(WORK));
        p.put("canAnswer", r.user().holdsAny(PLATFORM));
        return Reply.page("applications/application.jte", "Application #" + a.id(), p);
    }

    private Reply document(ConsoleRequest r) {
        long id = id(r);
        String side = r.pathParameter("side").toUpperCase(Locale.ROOT);
        if (!side.equals("FRONT") && !side.equals("BACK")) {
            return Reply.message(404, "an ID card has a front and a back, not '" + r.pathParameter("side") + "'");
        }
        ApplicationDocument d = queue.document(id, side)
                .orElseThrow(() -> new NotFound("application #" + id + " has no " + side.toLowerCase(Locale.ROOT)
                        + " image"));
        return Reply.inline(d.contentType(), d.content());
    }

    private Reply platformAnswer(ConsoleRequest r) {
        long id = id(r);
        String result = r.field("result");
        if (result == null || !(result.equalsIgnoreCase("APPROVED") || result.equalsIgnoreCase("REFUSED"))) {
            throw new InputRefused("result must be APPROVED or REFUSED");
        }
        boolean approved = result.equalsIgnoreCase("APPROVED");
        IssuedActivationCode code = fieldRefusals(() -> applications.recordPlatformAnswer(id, approved,
                r.field("reason"), r.actor()));
        if (r.api()) {
            Map<String, Object> body = new HashMap<>();
            body.put("application", view(id));
            body.put("activationCode", code == null ? null : Map.of("serialNumber", code.serialNumber(),
                    "mid", code.mid(), "code", code.code(), "expiresAt", code.expiresAt()));
            return Reply.json(body);
        }
        if (code == null) {
            return Reply.redirect("/applications/" + id);
        }
        return Reply.page("applications/code.jte", "Activation code for " + code.serialNumber(),
                Map.of("a", view(id), "codes", List.of(code)));
    }

    private ApplicationView view(long id) {
        return queue.find(id).orElseThrow(() -> new NotFound("there is no application #" + id));
    }

    private ApplicationForm form(ConsoleRequest r, boolean imagesRequired) throws IOException {
        return form(r, imagesRequired, null);
    }

    /** The form's fields; on a resubmission the kind and serial number come from the application itself. */
    private ApplicationForm form(ConsoleRequest r, boolean imagesRequired, ApplicationView current) throws IOException {
        IdCardImage front = image(r, "idFront", "front", imagesRequired);
        IdCardImage back = image(r, "idBack", "back", imagesRequired);
        return fieldRefusals(() -> new ApplicationForm(
                current != null ? ApplicationKind.valueOf(current.kind())
                        : enumField("kind", ApplicationKind.class, r.requiredField("kind")),
                current != null ? current.serialNumber() : r.field("serialNumber"),
                r.field("mid"), r.field("merchantName"), Province.parse(r.field("province")), r.field("address"),
                r.field("contactPhone"),
                NationalIdNumber.parse(r.field("idNumber"), LocalDate.now(WorkingDays.CHINA)), front, back));
    }

    private static IdCardImage image(ConsoleRequest r, String field, String side, boolean required) throws IOException {
        byte[] content;
        try (InputStream in = r.upload(field)) {
            if (in == null) {
                if (required) {
                    throw new InputRefused("upload the " + side + " of the merchant's ID card as " + field
                            + " (JPEG or PNG)");
                }
                return null;
            }
            content = in.readNBytes(IdCardImage.MAX_BYTES + 1);
        }
        return fieldRefusals(() -> IdCardImage.of(side, content));
    }

    static long id(ConsoleRequest r) {
        try {
            return Long.parseLong(r.pathParameter("id"));
        } catch (NumberFormatException e) {
            throw new NotFound("there is no application '" + r.pathParameter("id") + "'");
        }
    }

    static <E extends Enum<E>> E enumField(String name, Class<E> type, String value) {
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_'));
        } catch (IllegalArgumentException e) {
            throw new InputRefused(name + " '" + value + "' is not one of " + java.util.Arrays.toString(
                    type.getEnumConstants()));
        }
    }

    /** A domain refusal of a field the user typed is a 400 naming it, like any other bad input. */
    static <T> T fieldRefusals(java.util.function.Supplier<T> work) {
        try {
            return work.get();
        } catch (ApplicationFieldRefused e) {
            throw new InputRefused(e.getMessage());
        }
    }
}
