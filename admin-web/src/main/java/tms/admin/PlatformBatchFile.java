package tms.admin;

import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.List;

import tms.store.ActivationApplication;

/**
 * The file a batch sends to the payment platform: UTF-8 CSV (RFC 4180, CRLF), a header line, then one line per
 * application. It carries what the platform reviews and what it answers by, never the clear ID number: the platform
 * reads the number off the ID card images, which go with the batch, and matches them by the masked form here.
 * docs/applications.md describes the columns.
 */
final class PlatformBatchFile {

    static final List<String> HEADER = List.of("application_id", "kind", "serial_number", "mid", "merchant_name",
            "province_code", "province", "installation_address", "id_number_masked", "submitted_at");

    private static final DateTimeFormatter CHINA_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(WorkingDays.CHINA);

    private PlatformBatchFile() {
    }

    static String fileName(long batchId) {
        return String.format("tms-applications-batch-%06d.csv", batchId);
    }

    static byte[] write(List<ActivationApplication> applications) {
        StringBuilder out = new StringBuilder(Csv.line(HEADER));
        for (ActivationApplication a : applications) {
            Province province = Province.byCode(a.province()).orElseThrow();
            out.append(Csv.line(List.of(String.valueOf(a.id()), a.kind().name(), a.serialNumber(), a.mid(),
                    a.merchantName(), province.code(), province.chinese(), a.address(), a.idMasked(),
                    CHINA_TIME.format(a.submittedAt()))));
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
