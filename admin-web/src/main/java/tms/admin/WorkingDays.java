package tms.admin;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The 1-2 working-day target of the activation procedure (seed 000: "正常情况下一般为1-2个工作日内可以开通"): complete
 * papers are answered by the end of the second working day after the day they arrive. Working days are Monday to
 * Friday in China's time zone; public holidays are not known here (their dates and the weekends worked in exchange
 * are published each year), so around a holiday an application may show as overdue a little early.
 */
public final class WorkingDays {

    /** China has one time zone; the business's days are its days. */
    public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    public static final int TARGET = 2;

    private WorkingDays() {
    }

    /** The end (midnight, China time) of the second working day after the day of {@code submittedAt}. */
    public static Instant dueBy(Instant submittedAt) {
        LocalDate day = submittedAt.atZone(CHINA).toLocalDate();
        int counted = 0;
        while (counted < TARGET) {
            day = day.plusDays(1);
            if (working(day)) {
                counted++;
            }
        }
        return day.plusDays(1).atStartOfDay(CHINA).toInstant();
    }

    /** An instant as staff read it: China time to the minute, with the weekday ("2024-03-14 12:00 Thu"); "" for null. */
    public static String show(Instant at) {
        return at == null ? "" : SHOWN.format(at);
    }

    private static final java.time.format.DateTimeFormatter SHOWN = java.time.format.DateTimeFormatter
            .ofPattern("yyyy-MM-dd HH:mm EEE", java.util.Locale.ENGLISH).withZone(CHINA);

    static boolean working(LocalDate day) {
        return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY;
    }
}
