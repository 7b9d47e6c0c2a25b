package tms.admin;

import java.time.Instant;

import tms.store.ActivationApplication;

/**
 * An application as the console and the API show it: the masked ID number only (never its hash), the province and
 * region by name, and where it stands against the 1-2 working-day target.
 */
public record ApplicationView(long id, String kind, String state, String serialNumber, String mid, String merchantName,
                              String provinceCode, String province, String region, String address,
                              String contactPhone, String idNumberMasked, Instant createdAt, String submittedBy,
                              Instant submittedAt, Instant dueBy, boolean overdue, String assignee, String reviewedBy,
                              Instant reviewedAt, String rejectionReason, Long batchId, String platformResult,
                              String platformReason, String platformBy, Instant platformAt, String calledBackBy,
                              Instant calledBackAt, String callBackNotes, String closedBy, Instant closedAt,
                              String withdrawalReason) {

    static ApplicationView of(ActivationApplication a, Instant now) {
        Province province = Province.byCode(a.province()).orElseThrow();
        Instant due = a.state().onTheClock() ? WorkingDays.dueBy(a.submittedAt()) : null;
        return new ApplicationView(a.id(), a.kind().name(), a.state().name(), a.serialNumber(), a.mid(),
                a.merchantName(), province.code(), province.title() + " " + province.chinese(),
                province.region().title(), a.address(), a.contactPhone(), a.idMasked(), a.createdAt(),
                a.submittedBy(), a.submittedAt(), due, due != null && now.isAfter(due), a.assignee(), a.reviewedBy(),
                a.reviewedAt(), a.rejectionReason(), a.batchId(), a.platformResult(), a.platformReason(),
                a.platformBy(), a.platformAt(), a.calledBackBy(), a.calledBackAt(), a.callBackNotes(), a.closedBy(),
                a.closedAt(), a.withdrawalReason());
    }
}
