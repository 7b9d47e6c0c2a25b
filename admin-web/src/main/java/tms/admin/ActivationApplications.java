package tms.admin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.apache.ibatis.session.SqlSession;

import tms.hsm.SecurityModule;
import tms.store.ActivationApplication;
import tms.store.ActivationApplicationMapper;
import tms.store.ApplicationBatch;
import tms.store.ApplicationDocument;
import tms.store.ApplicationKind;
import tms.store.ApplicationState;
import tms.store.IdNumberHolder;
import tms.store.Merchant;
import tms.store.MerchantMapper;
import tms.store.Store;
import tms.store.TerminalActivation;
import tms.store.TerminalMapper;
import tms.store.TerminalState;

/**
 * The activation paperwork's state machine (DOMAIN.md, the terminal's life, steps 4-5): every transition of an
 * activation, change or revocation application is made here, in one transaction with its audit record (before,
 * after, actor), and only from the states {@link Step} allows. The platform's approval takes effect here too: an
 * activation code issued, a terminal revoked, a merchant renamed.
 */
public final class ActivationApplications {

    /**
     * The code travels to the merchant by the call-back, which may take a working day or two; a week leaves room
     * without leaving a code open for long.
     */
    public static final Duration CODE_VALIDITY = Duration.ofDays(7);
    public static final int MAX_BATCH = 500;

    /** Each transition, the states it may start from and the state it leads to. */
    enum Step {
        SUBMIT("application.submit", "submitting", EnumSet.noneOf(ApplicationState.class), ApplicationState.SUBMITTED),
        RESUBMIT("application.resubmit", "resubmitting", EnumSet.of(ApplicationState.REJECTED),
                ApplicationState.SUBMITTED),
        APPROVE_FIRST_REVIEW("application.review.approve", "approving at first review",
                EnumSet.of(ApplicationState.SUBMITTED), ApplicationState.APPROVED_FIRST_REVIEW),
        REJECT("application.review.reject", "rejecting", EnumSet.of(ApplicationState.SUBMITTED),
                ApplicationState.REJECTED),
        WITHDRAW("application.withdraw", "withdrawing",
                EnumSet.of(ApplicationState.SUBMITTED, ApplicationState.REJECTED), ApplicationState.WITHDRAWN),
        BATCH("application.batch", "batching", EnumSet.of(ApplicationState.APPROVED_FIRST_REVIEW),
                ApplicationState.BATCHED),
        PLATFORM_APPROVE("application.platform.approve", "recording the platform's approval",
                EnumSet.of(ApplicationState.BATCHED), ApplicationState.PLATFORM_APPROVED),
        PLATFORM_REFUSE("application.platform.refuse", "recording the platform's refusal",
                EnumSet.of(ApplicationState.BATCHED), ApplicationState.PLATFORM_REFUSED),
        CALL_BACK("application.call-back", "recording the call-back",
                EnumSet.of(ApplicationState.PLATFORM_APPROVED, ApplicationState.PLATFORM_REFUSED),
                ApplicationState.CALLED_BACK),
        ARCHIVE("application.archive", "archiving", EnumSet.of(ApplicationState.CALLED_BACK),
                ApplicationState.ARCHIVED);

        final String action;
        final String doing;
        final Set<ApplicationState> from;
        final ApplicationState to;

        Step(String action, String doing, Set<ApplicationState> from, ApplicationState to) {
            this.action = action;
            this.doing = doing;
            this.from = from;
            this.to = to;
        }
    }

    private final Store store;
    private final SecurityModule hsm;
    private final ActivationCodes codes;
    private final TerminalRevocation revocation;
    private final Clock clock;

    public ActivationApplications(Store store, SecurityModule hsm, ActivationCodes codes, TerminalRevocation revocation,
                                  Clock clock) {
        this.store = store;
        this.hsm = hsm;
        this.codes = codes;
        this.revocation = revocation;
        this.clock = clock;
    }

    /** The audit log's subject for an application. */
    public static String subject(long id) {
        return "application:" + id;
    }

    /** Enters a new application (SUBMITTED) with both ID card images; its id. */
    public long submit(ApplicationForm form, Actor actor) {
        if (form.front() == null || form.back() == null) {
            throw new ApplicationFieldRefused("upload both sides of the merchant's ID card (JPEG or PNG)");
        }
        String idHash = hsm.idNumberHash(form.idNumber().value());
        return oneTerminalPerPerson(() -> store.write(s -> {
            ActivationApplicationMapper m = s.getMapper(ActivationApplicationMapper.class);
            m.lockSubmissions();
            Instant now = clock.instant();
            requireTerminalFor(s, form);
            requireNothingUndecided(m, form.serialNumber(), null);
            ActivationApplication a = ActivationApplication.submitted(form.kind(), form.serialNumber(), form.mid(),
                    form.merchantName(), form.province().code(), form.province().region().name(), form.address(),
                    form.contactPhone(), idHash, form.idNumber().masked(), actor.name(), now);
            m.insert(a);
            long id = m.lastInsertId();
            String holding = claimIdNumber(s, form.kind(), idHash, form.serialNumber(), id, now);
            m.insertDocument(new ApplicationDocument(id, "FRONT", form.front().contentType(), form.front().content(), now));
            m.insertDocument(new ApplicationDocument(id, "BACK", form.back().contentType(), form.back().content(), now));
            AuditTrail.record(s, now, actor, Step.SUBMIT.action, subject(id), "OK", form.kind() + " of terminal "
                    + form.serialNumber() + " for merchant " + form.mid() + " in " + form.province().title()
                    + holding, null, "state=SUBMITTED " + fields(a));
            return id;
        }));
    }

    /** Corrected papers for a REJECTED application: SUBMITTED again, the target clock restarted; null images kept. */
    public void resubmit(long id, ApplicationForm corrected, Actor actor) {
        String idHash = hsm.idNumberHash(corrected.idNumber().value());
        oneTerminalPerPerson(() -> store.write(s -> {
            ActivationApplicationMapper m = s.getMapper(ActivationApplicationMapper.class);
            m.lockSubmissions();
            ActivationApplication a = begin(s, id, Step.RESUBMIT);
            if (a.kind() != corrected.kind() || !a.serialNumber().equals(corrected.serialNumber())) {
                throw new ApplicationFieldRefused("a resubmission keeps the kind (" + a.kind() + ") and the terminal ("
                        + a.serialNumber() + "); for another terminal or kind, withdraw this one and enter a new one");
            }
            Instant now = clock.instant();
            requireTerminalFor(s, corrected);
            requireNothingUndecided(m, a.serialNumber(), id);
            String holding = "";
            if (a.kind() != ApplicationKind.ACTIVATION || !a.idHash().equals(idHash)) {
                release(m, a);
                holding = claimIdNumber(s, a.kind(), idHash, a.serialNumber(), id, now);
            }
            ActivationApplication b = new ActivationApplication(id, a.kind(), ApplicationState.SUBMITTED,
                    a.serialNumber(), corrected.mid(), corrected.merchantName(), corrected.province().code(),
                    corrected.province().region().name(), corrected.address(), corrected.contactPhone(), idHash,
                    corrected.idNumber().masked(), a.createdAt(), actor.name(), now, a.assignee(), a.reviewedBy(),
                    a.reviewedAt(), a.rejectionReason(), null, null, null, null, null, null, null, null, null, null,
                    null, now);
            m.resubmit(b);
            List<String> images = new ArrayList<>();
            if (replaceDocument(m, id, "FRONT", corrected.front(), now)) {
                images.add("front");
            }
            if (replaceDocument(m, id, "BACK", corrected.back(), now)) {
                images.add("back");
            }
            AuditTrail.record(s, now, actor, Step.RESUBMIT.action, subject(id), "OK", "corrected after: "
                    + a.rejectionReason() + (images.isEmpty() ? "" : "; new image(s): " + String.join(", ", images))
                    + holding, "state=REJECTED " + fields(a), "state=SUBMITTED " + fields(b));
            return null;
        }));
    }

    /**
     * Takes an application from the region's queue: it becomes the actor's. One taken by somebody else is refused
     * unless {@code takeOver} (a supervisor handing work round).
     */
    public void take(long id, boolean takeOver, Actor actor) {
        store.write(s -> {
            ActivationApplicationMapper m = s.getMapper(ActivationApplicationMapper.class);
            ActivationApplication a = find(s, id);
            if (a.state() == ApplicationState.ARCHIVED || a.state() == ApplicationState.WITHDRAWN) {
                throw new TerminalActionRefused("application #" + id + " is " + a.state() + ": there is no work left on it");
            }
            if (actor.name().equals(a.assignee())) {
                return null;
            }
            if (a.assignee() != null && !takeOver) {
                throw new TerminalActionRefused("application #" + id + " is taken by " + a.assignee()
                        + "; ask them or a supervisor to hand it over");
            }
            Instant now = clock.instant();
            m.assign(id, actor.name(), now);
            AuditTrail.record(s, now, actor, "application.take", subject(id), "OK",
                    a.assignee() == null ? "from the " + a.region() + " queue" : "taken over",
                    "assignee=" + a.assignee(), "assignee=" + actor.name());
            return null;
        });
    }

    /** First review passed: the papers are complete and clear. An untaken application becomes the reviewer's. */
    public void approveFirstReview(long id, Actor actor) {
        review(id, Step.APPROVE_FIRST_REVIEW, null, actor);
    }

    /** First review failed: back to whoever sent the papers, with the reason, to correct and resubmit. */
    public void reject(long id, String reason, Actor actor) {
        review(id, Step.REJECT, requireReason("the reason for the rejection", reason, 200), actor);
    }

    private void review(long id, Step step, String reason, Actor actor) {
        store.write(s -> {
            ActivationApplicationMapper m = s.getMapper(ActivationApplicationMapper.class);
            ActivationApplication a = begin(s, id, step);
            Instant now = clock.instant();
            if (a.assignee() == null) {
                m.assign(id, actor.name(), now);
            }
            m.review(id, step.to, actor.name(), now, reason);
            AuditTrail.record(s, now, actor, step.action, subject(id), "OK", reason,
                    "state=" + a.state() + " assignee=" + a.assignee(),
                    "state=" + step.to + " reviewed-by=" + actor.name()
                            + (a.assignee() == null ? " assignee=" + actor.name() : ""));
            return null;
        });
    }

    /** The merchant gives up before the platform has seen the papers; the ID number no longer holds the terminal. */
    public void withdraw(long id, String reason, Actor actor) {
        String why = requireReason("the reason for the withdrawal", reason, 200);
        store.write(s -> {
            ActivationApplicationMapper m = s.getMapper(ActivationApplicationMapper.class);
            ActivationApplication a = begin(s, id, Step.WITHDRAW);
            Instant now = clock.instant();
            m.close(id, ApplicationState.WITHDRAWN, actor.name(), now, why);
            String released = release(m, a);
            AuditTrail.record(s, now, actor, Step.WITHDRAW.action, subject(id), "OK", why + released,
                    "state=" + a.state(), "state=WITHDRAWN");
            return null;
        });
    }

    /** Sends applications that passed first review to the platform together: BATCHED, and the batch's file made. */
    public long batch(List<Long> ids, Actor actor) {
        if (ids == null || ids.isEmpty()) {
            throw new ApplicationFieldRefused("select at least one application that passed first review");
        }
        TreeSet<Long> ordered = new TreeSet<>(ids);
        if (ordered.size() > MAX_BATCH) {
            throw new ApplicationFieldRefused("a batch holds at most " + MAX_BATCH + " applications; "
                    + ordered.size() + " were selected");
        }
        return store.write(s -> {
            ActivationApplicationMapper m = s.getMapper(ActivationApplicationMapper.class);
            List<ActivationApplication> chosen = new ArrayList<>();
            List<String> problems = new ArrayList<>();
            // in id order, so two supervisors batching overlapping selections queue up instead of deadlocking
            for (long id : ordered) {
                ActivationApplication a = m.findForUpdate(id);
                if (a == null) {
                    problems.add("#" + id + " does not exist");
                } else if (!Step.BATCH.from.contains(a.state())) {
                    problems.add("#" + id + " is " + a.state());
                } else {
                    chosen.add(a);
                }
            }
            if (!problems.isEmpty()) {
                throw new TerminalActionRefused("only applications APPROVED_FIRST_REVIEW can be batched: "
                        + String.join(", ", problems) + "; reload the list and select again");
            }
            Instant now = clock.instant();
            m.insertBatch(new ApplicationBatch(null, actor.name(), now, chosen.size()), PlatformBatchFile.write(chosen));
            long batchId = m.lastInsertId();
            for (ActivationApplication a : chosen) {
                m.batch(a.id(), batchId, now);
                AuditTrail.record(s, now, actor, Step.BATCH.action, subject(a.id()), "OK", "batch " + batchId,
                        "state=" + a.state(), "state=BATCHED batch=" + batchId);
            }
            AuditTrail.record(s, now, actor, "application-batch.create", "application-batch:" + batchId, "OK",
                    chosen.size() + " application(s): " + idsText(ordered), null, "file=" + PlatformBatchFile.fileName(batchId));
            return batchId;
        });
    }

    /**
     * The platform's answer to one application, entered by hand. An approved ACTIVATION returns its activation code,
     * which is shown this once and must be handed to the merchant (only its hash is kept); otherwise null.
     */
    public IssuedActivationCode recordPlatformAnswer(long id, boolean approved, String reason, Actor actor) {
        String why = approved ? optionalReason(reason) : requireReason("the platform's reason for the refusal", reason, 200);
        return store.write(s -> answer(s, begin(s, id, approved ? Step.PLATFORM_APPROVE : Step.PLATFORM_REFUSE),
                approved, why, actor, "entered by hand"));
    }

    /**
     * The platform's result file for a batch: every line recorded, or (when any line has a problem) nothing at all
     * and {@link PlatformResultRefused} with a report naming each problem.
     */
    public PlatformResultReport importPlatformResult(long batchId, byte[] file, Actor actor) {
        PlatformResultFile.Parsed parsed = PlatformResultFile.parse(file);
        return store.write(s -> {
            ActivationApplicationMapper m = s.getMapper(ActivationApplicationMapper.class);
            if (m.findBatch(batchId) == null) {
                throw new TerminalActionRefused("there is no batch " + batchId);
            }
            List<PlatformResultReport.Line> lines = new ArrayList<>(parsed.problems());
            List<IssuedActivationCode> issued = new ArrayList<>();
            List<PlatformResultFile.Answer> answers = new ArrayList<>(parsed.answers());
            answers.sort(Comparator.comparingLong(PlatformResultFile.Answer::applicationId));
            for (PlatformResultFile.Answer answer : answers) {
                ActivationApplication a = m.findForUpdate(answer.applicationId());
                String id = String.valueOf(answer.applicationId());
                if (a == null) {
                    lines.add(PlatformResultReport.Line.problem(answer.line(), id, "there is no application " + id));
                } else if (a.batchId() == null || a.batchId() != batchId) {
                    lines.add(PlatformResultReport.Line.problem(answer.line(), id, "application " + id
                            + " is not in batch " + batchId));
                } else if (a.state() != ApplicationState.BATCHED) {
                    lines.add(PlatformResultReport.Line.problem(answer.line(), id, "application " + id + " is "
                            + a.state() + ", no longer waiting for the platform"));
                } else {
                    try {
                        IssuedActivationCode code = answer(s, a, answer.approved(), answer.reason(), actor,
                                "from the result file of batch " + batchId);
                        if (code != null) {
                            issued.add(code);
                        }
                        lines.add(PlatformResultReport.Line.done(answer.line(), a.id(), (answer.approved()
                                ? "approved" : "refused") + " (" + a.kind() + " of " + a.serialNumber() + ")"
                                + (code != null ? ": activation code issued" : "")));
                    } catch (TerminalActionRefused | ApplicationFieldRefused e) {
                        lines.add(PlatformResultReport.Line.problem(answer.line(), id, e.getMessage()));
                    }
                }
            }
            lines.sort(Comparator.comparingInt(PlatformResultReport.Line::line));
            if (lines.stream().anyMatch(l -> !l.ok())) {
                throw new PlatformResultRefused(new PlatformResultReport(false, lines.stream()
                        .map(l -> l.ok() ? new PlatformResultReport.Line(l.line(), l.applicationId(), true,
                                "no problem, but not recorded: other lines have problems") : l)
                        .toList(), List.of()));
            }
            AuditTrail.record(s, clock.instant(), actor, "application-batch.result", "application-batch:" + batchId,
                    "OK", lines.size() + " answer(s) imported", null, null);
            return new PlatformResultReport(true, lines, issued);
        });
    }

    private IssuedActivationCode answer(SqlSession s, ActivationApplication a, boolean approved, String reason,
                                        Actor actor, String how) {
        ActivationApplicationMapper m = s.getMapper(ActivationApplicationMapper.class);
        Instant now = clock.instant();
        IssuedActivationCode code = null;
        String effect;
        if (!approved) {
            m.platformAnswer(a.id(), ApplicationState.PLATFORM_REFUSED, "REFUSED", reason, actor.name(), now);
            effect = release(m, a);
        } else if (a.kind() == ApplicationKind.ACTIVATION) {
            code = codes.issue(s, a.serialNumber(), a.mid(), a.merchantName(), CODE_VALIDITY, actor);
            effect = "; activation code issued, expires " + code.expiresAt();
        } else if (a.kind() == ApplicationKind.REVOCATION) {
            revocation.revoke(s, a.serialNumber(), "revocation application #" + a.id() + " approved by the platform",
                    actor);
            IdNumberHolder holder = m.findHolderBySerialNumber(a.serialNumber());
            if (holder != null) {
                m.deleteHolder(holder.idHash());
            }
            effect = "; terminal revoked" + (holder != null ? ", its ID number free for another terminal" : "");
        } else {
            effect = applyChange(s, a, actor, now);
        }
        if (approved) {
            m.platformAnswer(a.id(), ApplicationState.PLATFORM_APPROVED, "APPROVED", reason, actor.name(), now);
        }
        Step step = approved ? Step.PLATFORM_APPROVE : Step.PLATFORM_REFUSE;
        AuditTrail.record(s, now, actor, step.action, subject(a.id()), "OK",
                how + (reason == null ? "" : ": " + reason) + effect, "state=" + a.state(), "state=" + step.to);
        return code;
    }

    /** A change approved: the merchant's registered name follows the form; the application keeps the new address. */
    private static String applyChange(SqlSession s, ActivationApplication a, Actor actor, Instant now) {
        MerchantMapper merchants = s.getMapper(MerchantMapper.class);
        Merchant merchant = merchants.findByMid(a.mid());
        if (merchant == null) {
            merchants.insert(new Merchant(null, a.mid(), a.merchantName(), null));
            AuditTrail.record(s, now, actor, "merchant.create", a.mid(), "OK", "by change application #" + a.id(),
                    null, "name=" + a.merchantName());
            return "; merchant " + a.mid() + " registered";
        }
        if (!merchant.name().equals(a.merchantName())) {
            merchants.rename(a.mid(), a.merchantName());
            AuditTrail.record(s, now, actor, "merchant.rename", a.mid(), "OK", "by change application #" + a.id(),
                    "name=" + merchant.name(), "name=" + a.merchantName());
            return "; merchant renamed";
        }
        return "; installation address now " + a.address();
    }

    /** Who called the merchant (the actor), when (now), and what was said. */
    public void callBack(long id, String notes, Actor actor) {
        String said = requireReason("notes of what the merchant was told", notes, 500);
        store.write(s -> {
            ActivationApplication a = begin(s, id, Step.CALL_BACK);
            Instant now = clock.instant();
            s.getMapper(ActivationApplicationMapper.class).callBack(id, actor.name(), now, said);
            AuditTrail.record(s, now, actor, Step.CALL_BACK.action, subject(id), "OK", said,
                    "state=" + a.state(), "state=CALLED_BACK");
            return null;
        });
    }

    /** The papers are filed: nothing more happens to the application. */
    public void archive(long id, Actor actor) {
        store.write(s -> {
            ActivationApplication a = begin(s, id, Step.ARCHIVE);
            Instant now = clock.instant();
            s.getMapper(ActivationApplicationMapper.class).close(id, ApplicationState.ARCHIVED, actor.name(), now, null);
            AuditTrail.record(s, now, actor, Step.ARCHIVE.action, subject(id), "OK", null, "state=" + a.state(),
                    "state=ARCHIVED");
            return null;
        });
    }

    private static boolean replaceDocument(ActivationApplicationMapper m, long id, String side, IdCardImage image,
                                           Instant now) {
        if (image == null) {
            return false;
        }
        m.deleteDocument(id, side);
        m.insertDocument(new ApplicationDocument(id, side, image.contentType(), image.content(), now));
        return true;
    }

    private static ActivationApplication find(SqlSession s, long id) {
        ActivationApplication a = s.getMapper(ActivationApplicationMapper.class).findForUpdate(id);
        if (a == null) {
            throw new TerminalActionRefused("there is no application #" + id);
        }
        return a;
    }

    /** The application, locked, if the step may start from its state. */
    private static ActivationApplication begin(SqlSession s, long id, Step step) {
        ActivationApplication a = find(s, id);
        if (!step.from.contains(a.state())) {
            throw new TerminalActionRefused("application #" + id + " is " + a.state() + "; " + step.doing
                    + " needs it " + String.join(" or ", step.from.stream().map(Enum::name).toList()));
        }
        return a;
    }

    /** The terminal exists and is in a state the kind of application makes sense for. */
    private static void requireTerminalFor(SqlSession s, ApplicationForm form) {
        TerminalActivation t = s.getMapper(TerminalMapper.class).findActivation(form.serialNumber());
        if (t == null) {
            throw new TerminalActionRefused("no terminal with serial number " + form.serialNumber()
                    + " is registered: check the serial on the terminal's label");
        }
        if (t.state() == TerminalState.REVOKED) {
            throw new TerminalActionRefused("terminal " + form.serialNumber() + " is revoked; no application can be "
                    + "made for it");
        }
        if (form.kind() == ApplicationKind.ACTIVATION) {
            if (t.state() != TerminalState.IN_STOCK) {
                throw new TerminalActionRefused("terminal " + form.serialNumber() + " is " + t.state()
                        + "; only a terminal IN_STOCK can be activated (for one in service, file a CHANGE or "
                        + "REVOCATION application)");
            }
            Merchant known = s.getMapper(MerchantMapper.class).findByMid(form.mid());
            if (known != null && !known.name().equals(form.merchantName())) {
                throw new TerminalActionRefused("MID " + form.mid() + " is registered to '" + known.name()
                        + "', not '" + form.merchantName() + "': check the MID, or rename the merchant by a CHANGE "
                        + "application");
            }
        } else {
            if (t.state() == TerminalState.IN_STOCK) {
                throw new TerminalActionRefused("terminal " + form.serialNumber() + " is IN_STOCK, not in service: "
                        + "a " + form.kind() + " application is for a terminal that was activated");
            }
            if (t.mid() != null && !t.mid().equals(form.mid())) {
                throw new TerminalActionRefused("terminal " + form.serialNumber() + " trades under MID " + t.mid()
                        + ", not " + form.mid() + ": a change of MID needs the terminal revoked and a new activation");
            }
        }
    }

    private static void requireNothingUndecided(ActivationApplicationMapper m, String serialNumber, Long except) {
        for (ActivationApplication other : m.listBySerialNumber(serialNumber)) {
            if (other.state().undecided() && !other.id().equals(except)) {
                throw new TerminalActionRefused("terminal " + serialNumber + " already has application #"
                        + other.id() + " (" + other.kind() + ", " + other.state() + ") waiting for a decision: "
                        + "correct and resubmit that one, or withdraw it first");
            }
        }
    }

    /**
     * One terminal per person. An activation claims the terminal for the ID number's hash; a change or revocation
     * must be signed by the person the terminal was activated for, when that is known. Returns a note for the audit.
     */
    private static String claimIdNumber(SqlSession s, ApplicationKind kind, String idHash, String serialNumber,
                                        long applicationId, Instant now) {
        ActivationApplicationMapper m = s.getMapper(ActivationApplicationMapper.class);
        IdNumberHolder ofTerminal = m.findHolderBySerialNumber(serialNumber);
        if (kind != ApplicationKind.ACTIVATION) {
            if (ofTerminal != null && !ofTerminal.idHash().equals(idHash)) {
                throw new TerminalActionRefused("the ID number is not the one terminal " + serialNumber
                        + " was activated for (application #" + ofTerminal.applicationId() + "): a " + kind
                        + " application must be signed by the terminal's merchant");
            }
            return "";
        }
        if (ofTerminal != null && !ofTerminal.idHash().equals(idHash)) {
            throw new TerminalActionRefused("terminal " + serialNumber + " is promised to another merchant's ID number "
                    + "(application #" + ofTerminal.applicationId() + "); it can be applied for again once that "
                    + "application is refused or withdrawn");
        }
        IdNumberHolder holder = m.findHolderForUpdate(idHash);
        IdNumberHolder claim = new IdNumberHolder(idHash, serialNumber, applicationId, now);
        if (holder == null) {
            m.insertHolder(claim);
            return "";
        }
        if (holder.serialNumber().equals(serialNumber)) {
            m.updateHolder(claim);
            return "";
        }
        TerminalActivation held = s.getMapper(TerminalMapper.class).findActivation(holder.serialNumber());
        if (held == null || held.state() == TerminalState.REVOKED) {
            m.updateHolder(claim);
            return "; the ID number's earlier terminal " + holder.serialNumber() + " is revoked";
        }
        throw new TerminalActionRefused(ONE_TERMINAL + " (it is " + held.state() + " with terminal "
                + holder.serialNumber() + ", application #" + holder.applicationId() + "): revoke that terminal "
                + "first (a REVOCATION application), or withdraw its pending application");
    }

    private static final String ONE_TERMINAL = "one terminal per person: this ID number already has a terminal "
            + "active or pending activation";

    /** An activation that will not go ahead frees its ID number; returns a note for the audit. */
    private static String release(ActivationApplicationMapper m, ActivationApplication a) {
        if (a.kind() != ApplicationKind.ACTIVATION) {
            return "";
        }
        IdNumberHolder holder = m.findHolderForUpdate(a.idHash());
        if (holder != null && holder.applicationId() == a.id()) {
            m.deleteHolder(a.idHash());
            return "; the ID number no longer holds terminal " + a.serialNumber();
        }
        return "";
    }

    /** A concurrent submission that got past the checks meets the holder table's primary key. */
    private static <T> T oneTerminalPerPerson(java.util.function.Supplier<T> write) {
        try {
            return write.get();
        } catch (RuntimeException e) {
            if (Store.isDuplicateKey(e)) {
                throw new TerminalActionRefused(ONE_TERMINAL + " (another application for it was entered at the "
                        + "same moment): check the applications of this ID number");
            }
            throw e;
        }
    }

    private static String fields(ActivationApplication a) {
        return "kind=" + a.kind() + " serial=" + a.serialNumber() + " mid=" + a.mid() + " merchant=" + a.merchantName()
                + " province=" + a.province() + " region=" + a.region() + " address=" + a.address()
                + " phone=" + a.contactPhone() + " id=" + a.idMasked();
    }

    /** The audit detail has room for 500 characters; a big batch names its first and last applications. */
    private static String idsText(TreeSet<Long> ids) {
        String all = ids.toString();
        return all.length() <= 400 ? all : "#" + ids.first() + " to #" + ids.last();
    }

    private static String requireReason(String what, String reason, int max) {
        String r = reason == null ? "" : reason.strip();
        if (r.isEmpty() || r.length() > max) {
            throw new ApplicationFieldRefused("give " + what + " of 1 to " + max + " characters");
        }
        return r;
    }

    private static String optionalReason(String reason) {
        String r = reason == null ? "" : reason.strip();
        if (r.length() > 200) {
            throw new ApplicationFieldRefused("the platform's note must be at most 200 characters");
        }
        return r.isEmpty() ? null : r;
    }
}
