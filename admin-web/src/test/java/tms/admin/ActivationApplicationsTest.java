package tms.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static tms.admin.ApplicationFixture.actor;
import static tms.admin.ApplicationFixture.idNumber;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tms.store.ActivationApplication;
import tms.store.ActivationApplicationMapper;
import tms.store.ActivationCode;
import tms.store.ActivationCodeMapper;
import tms.store.ApplicationKind;
import tms.store.ApplicationState;
import tms.store.AuditEntry;
import tms.store.AuditLogMapper;
import tms.store.MerchantMapper;
import tms.store.TerminalMapper;
import tms.store.TerminalState;
import tms.store.testing.TestDatabase;

class ActivationApplicationsTest {

    private static final String ID = idNumber("44010619900307123");
    private static final String OTHER_ID = idNumber("11010519491231002");

    @TempDir
    Path dir;

    private ApplicationFixture fixture(TestDatabase db) {
        ApplicationFixture f = new ApplicationFixture(db.open(), dir);
        f.terminal("SN00000001", TerminalState.IN_STOCK, null);
        f.terminal("SN00000002", TerminalState.IN_STOCK, null);
        f.terminal("SN00000003", TerminalState.ACTIVE, "898100012340001");
        return f;
    }

    private static ActivationApplication row(ApplicationFixture f, long id) {
        return f.store.read(s -> s.getMapper(ActivationApplicationMapper.class).find(id));
    }

    private static List<AuditEntry> audit(ApplicationFixture f, long id) {
        return f.store.read(s -> s.getMapper(AuditLogMapper.class).listBySubject(ActivationApplications.subject(id), 50));
    }

    @ParameterizedTest
    @MethodSource("tms.store.testing.TestDatabases#all")
    void anActivationWalksFromSubmissionToArchiveAndItsCodeExistsOnlyAsAHash(TestDatabase db) throws Exception {
        ApplicationFixture f = fixture(db);
        long id = f.applications.submit(f.form(ApplicationKind.ACTIVATION, "SN00000001", ID), actor("alice"));
        assertThat(row(f, id).state()).isEqualTo(ApplicationState.SUBMITTED);
        assertThat(row(f, id).idMasked()).isEqualTo("440***********" + ID.substring(14));
        assertThat(row(f, id).idHash()).isEqualTo(f.hsm.idNumberHash(ID)).doesNotContain(ID);
        assertThat(row(f, id).region()).isEqualTo("SOUTH_CHINA");

        f.applications.take(id, false, actor("bob"));
        f.applications.approveFirstReview(id, actor("bob"));
        long batch = f.applications.batch(List.of(id), actor("carol"));
        assertThat(row(f, id).state()).isEqualTo(ApplicationState.BATCHED);
        String file = new String(f.queue.batchFile(batch).orElseThrow().content(), StandardCharsets.UTF_8);
        assertThat(file).startsWith("application_id,kind,serial_number,mid,merchant_name,province_code,province,"
                + "installation_address,id_number_masked,submitted_at\r\n")
                .contains(id + ",ACTIVATION,SN00000001,898100012340001,广州小店,44,广东,广州市天河区体育西路1号,440***********"
                        + ID.substring(14) + ",2024-03-11 10:00:00\r\n")
                .doesNotContain(ID);

        IssuedActivationCode code = f.applications.recordPlatformAnswer(id, true, null, actor("carol"));
        assertThat(code.code()).matches("[0-9]{8}");
        assertThat(code.serialNumber()).isEqualTo("SN00000001");
        assertThat(code.expiresAt()).isEqualTo(ApplicationFixture.MONDAY.plus(ActivationApplications.CODE_VALIDITY));
        ActivationCode stored = f.store.read(s -> s.getMapper(ActivationCodeMapper.class).findLatest("SN00000001"));
        assertThat(stored.codeHash()).isNotEqualTo(code.code());
        assertThat(f.hsm.activationCodeMatches("SN00000001", code.code(), stored.codeHash())).isTrue();
        assertThat(f.store.read(s -> s.getMapper(MerchantMapper.class).findByMid("898100012340001")).name())
                .isEqualTo("广州小店");
        assertThat(row(f, id).state()).isEqualTo(ApplicationState.PLATFORM_APPROVED);

        f.applications.callBack(id, "told the merchant, code handed over", actor("bob"));
        f.applications.archive(id, actor("bob"));
        ActivationApplication done = row(f, id);
        assertThat(done.state()).isEqualTo(ApplicationState.ARCHIVED);
        assertThat(done.calledBackBy()).isEqualTo("bob");
        assertThat(done.callBackNotes()).isEqualTo("told the merchant, code handed over");

        List<AuditEntry> history = audit(f, id);
        assertThat(history).extracting(AuditEntry::action).containsExactly("application.archive",
                "application.call-back", "application.platform.approve", "application.batch",
                "application.review.approve", "application.take", "application.submit");
        assertThat(history).extracting(AuditEntry::actor).containsExactly("bob", "bob", "carol", "carol", "bob", "bob",
                "alice");
        AuditEntry approval = history.get(2);
        assertThat(approval.beforeState()).isEqualTo("state=BATCHED");
        assertThat(approval.afterState()).isEqualTo("state=PLATFORM_APPROVED");
        assertThat(history.get(4).beforeState()).isEqualTo("state=SUBMITTED assignee=bob");
        assertThat(history.get(4).afterState()).isEqualTo("state=APPROVED_FIRST_REVIEW reviewed-by=bob");
        for (String cell : f.dump()) {
            assertThat(cell).doesNotContain(ID).doesNotContain(code.code());
        }
    }

    @ParameterizedTest
    @MethodSource("tms.store.testing.TestDatabases#all")
    void aRejectedApplicationIsCorrectedResubmittedOrWithdrawn(TestDatabase db) {
        ApplicationFixture f = fixture(db);
        long id = f.applications.submit(f.form(ApplicationKind.ACTIVATION, "SN00000001", ID), actor("alice"));
        f.applications.reject(id, "the back of the ID card is blurred", actor("bob"));
        assertThat(row(f, id).state()).isEqualTo(ApplicationState.REJECTED);
        assertThat(row(f, id).rejectionReason()).isEqualTo("the back of the ID card is blurred");
        assertThat(row(f, id).assignee()).isEqualTo("bob");

        f.clock.advance(Duration.ofDays(1));
        ApplicationForm corrected = new ApplicationForm(ApplicationKind.ACTIVATION, "SN00000001", "898100012340001",
                "广州小店", Province.HUBEI, "武汉市江汉区1号", "13800138000",
                NationalIdNumber.parse(ID, LocalDate.of(2024, 3, 12)), null, IdCardImage.of("back", ApplicationFixture.JPEG));
        f.applications.resubmit(id, corrected, actor("alice"));
        ActivationApplication again = row(f, id);
        assertThat(again.state()).isEqualTo(ApplicationState.SUBMITTED);
        assertThat(again.region()).isEqualTo("CENTRAL");
        assertThat(again.submittedAt()).isEqualTo(ApplicationFixture.MONDAY.plus(Duration.ofDays(1)));
        assertThat(f.queue.document(id, "BACK").orElseThrow().contentType()).isEqualTo("image/jpeg");
        assertThat(f.queue.document(id, "FRONT").orElseThrow().content()).isEqualTo(ApplicationFixture.JPEG);
        AuditEntry resubmission = audit(f, id).get(0);
        assertThat(resubmission.action()).isEqualTo("application.resubmit");
        assertThat(resubmission.beforeState()).startsWith("state=REJECTED").contains("province=44");
        assertThat(resubmission.afterState()).startsWith("state=SUBMITTED").contains("province=42");

        f.applications.withdraw(id, "the merchant changed his mind", actor("alice"));
        assertThat(row(f, id).state()).isEqualTo(ApplicationState.WITHDRAWN);
        // the ID number no longer holds SN00000001: it may apply for another terminal
        f.applications.submit(f.form(ApplicationKind.ACTIVATION, "SN00000002", ID), actor("alice"));
    }

    @ParameterizedTest
    @MethodSource("tms.store.testing.TestDatabases#all")
    void everyTransitionRefusesAnApplicationInTheWrongState(TestDatabase db) {
        ApplicationFixture f = fixture(db);
        long id = f.applications.submit(f.form(ApplicationKind.ACTIVATION, "SN00000001", ID), actor("alice"));
        Actor bob = actor("bob");
        assertThatThrownBy(() -> f.applications.batch(List.of(id), bob)).isInstanceOf(TerminalActionRefused.class)
                .hasMessageContaining("#" + id + " is SUBMITTED");
        assertThatThrownBy(() -> f.applications.recordPlatformAnswer(id, true, null, bob))
                .hasMessage("application #" + id + " is SUBMITTED; recording the platform's approval needs it BATCHED");
        assertThatThrownBy(() -> f.applications.callBack(id, "x", bob)).hasMessageContaining("needs it PLATFORM_APPROVED or PLATFORM_REFUSED");
        assertThatThrownBy(() -> f.applications.archive(id, bob)).hasMessageContaining("needs it CALLED_BACK");
        assertThatThrownBy(() -> f.applications.resubmit(id, f.form(ApplicationKind.ACTIVATION, "SN00000001", ID), bob))
                .hasMessageContaining("needs it REJECTED");
        f.applications.approveFirstReview(id, bob);
        assertThatThrownBy(() -> f.applications.approveFirstReview(id, bob))
                .hasMessageContaining("is APPROVED_FIRST_REVIEW; approving at first review needs it SUBMITTED");
        assertThatThrownBy(() -> f.applications.reject(id, "late", bob)).hasMessageContaining("needs it SUBMITTED");
        assertThatThrownBy(() -> f.applications.withdraw(id, "late", bob)).hasMessageContaining("needs it SUBMITTED or REJECTED");
        assertThatThrownBy(() -> f.applications.take(id, false, actor("carol")))
                .hasMessageContaining("is taken by bob");
        f.applications.take(id, true, actor("carol"));
        assertThat(row(f, id).assignee()).isEqualTo("carol");
        assertThatThrownBy(() -> f.applications.approveFirstReview(999, bob)).hasMessage("there is no application #999");
        assertThat(audit(f, id)).extracting(AuditEntry::action)
                .containsExactly("application.take", "application.review.approve", "application.submit");
    }

    @Test
    void theIdNumberMustPassTheGb11643CheckAndIsNeverRepeatedInTheMessage() {
        LocalDate today = LocalDate.of(2024, 3, 11);
        String wrong = ApplicationFixture.wrongCheck("44010619900307123");
        assertThatThrownBy(() -> NationalIdNumber.parse(wrong, today)).isInstanceOf(ApplicationFieldRefused.class)
                .hasMessageContaining("check character (the 18th)").hasMessageContaining("GB 11643")
                .message().doesNotContain("4401061990");
        assertThat(NationalIdNumber.parse("11010519491231002x", today).masked()).isEqualTo("110***********002X");
        String born1980 = idNumber("44052419800101001");
        assertThat(NationalIdNumber.parse(born1980, today).toString()).isEqualTo("440***********001" + born1980.charAt(17));
        assertThatThrownBy(() -> NationalIdNumber.parse("440106900307123", today)).hasMessageContaining("15 digits");
        assertThatThrownBy(() -> NationalIdNumber.parse("4401061990030712", today)).hasMessageContaining("16 characters");
        assertThatThrownBy(() -> NationalIdNumber.parse(idNumber("44010619901307123"), today))
                .hasMessageContaining("birth date");
        assertThatThrownBy(() -> NationalIdNumber.parse(idNumber("44010620300307123"), today))
                .hasMessageContaining("plausible birth date");
    }

    @Test
    void onlyJpegAndPngOfAtMostTwoMegabytesAreAccepted() {
        byte[] gif = "GIF89a....".getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> IdCardImage.of("front", gif)).isInstanceOf(ApplicationFieldRefused.class)
                .hasMessageContaining("front of the ID card is neither a JPEG nor a PNG");
        assertThatThrownBy(() -> IdCardImage.of("back", new byte[0])).hasMessageContaining("upload the back");
        byte[] big = new byte[IdCardImage.MAX_BYTES + 1];
        System.arraycopy(ApplicationFixture.JPEG, 0, big, 0, ApplicationFixture.JPEG.length);
        assertThatThrownBy(() -> IdCardImage.of("front", big)).hasMessageContaining("at most 2048 KiB");
        assertThat(IdCardImage.of("front", ApplicationFixture.PNG).contentType()).isEqualTo("image/png");
    }

    @ParameterizedTest
    @MethodSource("tms.store.testing.TestDatabases#all")
    void anIdNumberHoldsOneTerminalUntilRefusedWithdrawnOrRevoked(TestDatabase db) {
        ApplicationFixture f = fixture(db);
        long first = f.applications.submit(f.form(ApplicationKind.ACTIVATION, "SN00000001", ID), actor("alice"));
        assertThatThrownBy(() -> f.applications.submit(f.form(ApplicationKind.ACTIVATION, "SN00000002", ID), actor("alice")))
                .isInstanceOf(TerminalActionRefused.class)
                .hasMessageContaining("one terminal per person: this ID number already has a terminal active or pending")
                .hasMessageContaining("SN00000001").hasMessageContaining("application #" + first)
                .message().doesNotContain(ID);
        assertThatThrownBy(() -> f.applications.submit(f.form(ApplicationKind.ACTIVATION, "SN00000001", OTHER_ID), actor("alice")))
                .hasMessageContaining("already has application #" + first);

        f.applications.approveFirstReview(first, actor("bob"));
        long batch = f.applications.batch(List.of(first), actor("carol"));
        f.applications.recordPlatformAnswer(first, false, "ID card expired", actor("carol"));
        assertThat(row(f, first).platformReason()).isEqualTo("ID card expired");
        // refused: the ID number is free again
        long second = f.applications.submit(f.form(ApplicationKind.ACTIVATION, "SN00000002", ID), actor("alice"));
        assertThat(second).isGreaterThan(first);
        assertThat(batch).isPositive();

        // the terminal revoked by a technician frees its ID number too
        f.store.write(s -> {
            s.getMapper(TerminalMapper.class).revoke("SN00000002", "stolen");
            return null;
        });
        f.terminal("SN00000004", TerminalState.IN_STOCK, null);
        long third = f.applications.submit(f.form(ApplicationKind.ACTIVATION, "SN00000004", ID), actor("alice"));
        assertThat(audit(f, third).get(0).detail()).contains("the ID number's earlier terminal SN00000002 is revoked");
    }

    @ParameterizedTest
    @MethodSource("tms.store.testing.TestDatabases#all")
    void twoSimultaneousSubmissionsOfOneIdNumberLeaveOneTerminal(TestDatabase db) throws Exception {
        ApplicationFixture f = fixture(db);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 5; round++) {
                String id = idNumber("3201021985060" + (1000 + round));
                String a = "SNA000000" + round;
                String b = "SNB000000" + round;
                f.terminal(a, TerminalState.IN_STOCK, null);
                f.terminal(b, TerminalState.IN_STOCK, null);
                CyclicBarrier start = new CyclicBarrier(2);
                List<Future<Object>> results = new ArrayList<>();
                for (String serial : List.of(a, b)) {
                    results.add(pool.submit(() -> {
                        start.await();
                        try {
                            return f.applications.submit(f.form(ApplicationKind.ACTIVATION, serial, id), actor("alice"));
                        } catch (TerminalActionRefused e) {
                            return e;
                        }
                    }));
                }
                List<Object> outcomes = new ArrayList<>();
                for (Future<Object> r : results) {
                    outcomes.add(r.get());
                }
                assertThat(outcomes).filteredOn(o -> o instanceof Long).hasSize(1);
                assertThat(outcomes).filteredOn(o -> o instanceof TerminalActionRefused).singleElement()
                        .satisfies(e -> assertThat(((TerminalActionRefused) e).getMessage())
                                .contains("one terminal per person"));
                String hash = f.hsm.idNumberHash(id);
                assertThat(f.store.read(s -> s.getMapper(ActivationApplicationMapper.class).list(null,
                        EnumSet.of(ApplicationState.SUBMITTED), 100)).stream().filter(x -> x.idHash().equals(hash))).hasSize(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest
    @MethodSource("tms.store.testing.TestDatabases#all")
    void aResultFileWithABadLineStoresNothingAndAGoodOneStoresEverything(TestDatabase db) {
        ApplicationFixture f = fixture(db);
        long one = f.applications.submit(f.form(ApplicationKind.ACTIVATION, "SN00000001", ID), actor("alice"));
        long two = f.applications.submit(f.form(ApplicationKind.ACTIVATION, "SN00000002", OTHER_ID), actor("alice"));
        f.applications.approveFirstReview(one, actor("bob"));
        f.applications.approveFirstReview(two, actor("bob"));
        long batch = f.applications.batch(List.of(one, two), actor("carol"));

        String bad = "application_id,result,reason\r\n" + one + ",APPROVED,\r\n" + two + ",REFUSED,\r\n999,APPROVED,\r\n"
                + "x,APPROVED,\r\n";
        PlatformResultRefused refused = org.junit.jupiter.api.Assertions.assertThrows(PlatformResultRefused.class,
                () -> f.applications.importPlatformResult(batch, bad.getBytes(StandardCharsets.UTF_8), actor("carol")));
        assertThat(refused.report().stored()).isFalse();
        assertThat(refused.report().lines()).extracting(PlatformResultReport.Line::line).containsExactly(2, 3, 4, 5);
        assertThat(refused.report().lines()).extracting(PlatformResultReport.Line::outcome).containsExactly(
                "no problem, but not recorded: other lines have problems",
                "a refusal needs a reason of 1 to 200 characters", "there is no application 999",
                "application_id is not a number");
        assertThat(row(f, one).state()).isEqualTo(ApplicationState.BATCHED);
        assertThat(row(f, two).state()).isEqualTo(ApplicationState.BATCHED);
        ActivationCode none = f.store.read(s -> s.getMapper(ActivationCodeMapper.class).findLatest("SN00000001"));
        assertThat(none).isNull();

        String good = "\uFEFFapplication_id,result,reason\r\n" + one + ",APPROVED,\r\n" + two
                + ",REFUSED,\"copy unreadable, send again\"\r\n";
        PlatformResultReport report = f.applications.importPlatformResult(batch, good.getBytes(StandardCharsets.UTF_8),
                actor("carol"));
        assertThat(report.stored()).isTrue();
        assertThat(report.codes()).singleElement().satisfies(c -> assertThat(c.serialNumber()).isEqualTo("SN00000001"));
        assertThat(row(f, one).state()).isEqualTo(ApplicationState.PLATFORM_APPROVED);
        assertThat(row(f, two).state()).isEqualTo(ApplicationState.PLATFORM_REFUSED);
        assertThat(row(f, two).platformReason()).isEqualTo("copy unreadable, send again");
        assertThatThrownBy(() -> f.applications.importPlatformResult(batch, good.getBytes(StandardCharsets.UTF_8),
                actor("carol"))).isInstanceOf(PlatformResultRefused.class);
        assertThatThrownBy(() -> f.applications.importPlatformResult(batch, "a,b\r\n1,2\r\n".getBytes(StandardCharsets.UTF_8),
                actor("carol"))).isInstanceOf(ApplicationFieldRefused.class).hasMessageContaining("header line");
    }

    @ParameterizedTest
    @MethodSource("tms.store.testing.TestDatabases#all")
    void anApprovedRevocationRevokesTheTerminalAndAnApprovedChangeRenamesTheMerchant(TestDatabase db) {
        ApplicationFixture f = fixture(db);
        f.store.write(s -> {
            s.getMapper(MerchantMapper.class).insert(new tms.store.Merchant(null, "898100012340001", "广州小店", null));
            return null;
        });
        long change = f.applications.submit(f.form(ApplicationKind.CHANGE, "SN00000003", ID, "898100012340001",
                "广州大店"), actor("alice"));
        assertThatThrownBy(() -> f.applications.submit(f.form(ApplicationKind.CHANGE, "SN00000001", OTHER_ID),
                actor("alice"))).hasMessageContaining("IN_STOCK, not in service");
        f.applications.approveFirstReview(change, actor("bob"));
        f.applications.batch(List.of(change), actor("carol"));
        assertThat(f.applications.recordPlatformAnswer(change, true, null, actor("carol"))).isNull();
        assertThat(f.store.read(s -> s.getMapper(MerchantMapper.class).findByMid("898100012340001")).name())
                .isEqualTo("广州大店");
        f.applications.callBack(change, "told", actor("bob"));

        long revocation = f.applications.submit(f.form(ApplicationKind.REVOCATION, "SN00000003", ID, "898100012340001",
                "广州大店"), actor("alice"));
        f.applications.approveFirstReview(revocation, actor("bob"));
        f.applications.batch(List.of(revocation), actor("carol"));
        f.applications.recordPlatformAnswer(revocation, true, "ok", actor("carol"));
        assertThat(f.store.read(s -> s.getMapper(TerminalMapper.class).findActivation("SN00000003")).state())
                .isEqualTo(TerminalState.REVOKED);
        assertThat(audit(f, revocation).get(0).detail()).contains("terminal revoked");
    }

    @ParameterizedTest
    @MethodSource("tms.store.testing.TestDatabases#all")
    void theQueueShowsTheTargetAndWhatIsOverdue(TestDatabase db) {
        ApplicationFixture f = fixture(db);
        long id = f.applications.submit(f.form(ApplicationKind.ACTIVATION, "SN00000001", ID), actor("alice"));
        ApplicationView fresh = f.queue.find(id).orElseThrow();
        // Monday 10:00 Beijing: due by the end of Wednesday, Beijing time
        assertThat(fresh.dueBy()).isEqualTo(java.time.Instant.parse("2024-03-13T16:00:00Z"));
        assertThat(fresh.overdue()).isFalse();
        f.clock.set(java.time.Instant.parse("2024-03-13T16:00:01Z"));
        assertThat(f.queue.list(Region.SOUTH_CHINA, EnumSet.noneOf(ApplicationState.class)))
                .singleElement().satisfies(v -> assertThat(v.overdue()).isTrue());
        assertThat(f.queue.list(Region.NORTH, EnumSet.noneOf(ApplicationState.class))).isEmpty();
        assertThat(f.queue.waiting()).containsEntry(Region.SOUTH_CHINA, 1L).containsEntry(Region.EAST, 0L);
    }

    @Test
    void theTargetCountsWorkingDaysOnly() {
        // Friday 18:00 Beijing: Monday and Tuesday are the two working days
        assertThat(WorkingDays.dueBy(java.time.Instant.parse("2024-03-15T10:00:00Z")))
                .isEqualTo(java.time.Instant.parse("2024-03-19T16:00:00Z"));
        // Saturday: the same
        assertThat(WorkingDays.dueBy(java.time.Instant.parse("2024-03-16T02:00:00Z")))
                .isEqualTo(java.time.Instant.parse("2024-03-19T16:00:00Z"));
        // Monday 23:30 Beijing is still Monday there, though Monday 15:30 in UTC
        assertThat(WorkingDays.dueBy(java.time.Instant.parse("2024-03-11T15:30:00Z")))
                .isEqualTo(java.time.Instant.parse("2024-03-13T16:00:00Z"));
    }

    @Test
    void everyMainlandProvinceHasOneRegion() {
        assertThat(Province.values()).hasSize(31);
        assertThat(Province.values()).extracting(Province::code).doesNotHaveDuplicates();
        assertThat(Province.parse("浙江").region()).isEqualTo(Region.CENTRAL);
        assertThat(Province.parse("guangxi").region()).isEqualTo(Region.SOUTH_WEST);
        assertThat(Province.parse("65").region()).isEqualTo(Region.NORTH);
        for (Region r : Region.values()) {
            assertThat(Province.values()).filteredOn(p -> p.region() == r).isNotEmpty();
        }
        assertThatThrownBy(() -> Province.parse("81")).hasMessageContaining("not a mainland province");
    }
}
