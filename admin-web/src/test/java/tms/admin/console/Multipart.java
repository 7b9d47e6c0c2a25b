package tms.admin.console;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;

/** A multipart/form-data body with one file field and optional text fields, for upload tests. */
final class Multipart {

    static final String BOUNDARY = "----tms-test-boundary-7MA4YWxkTrZu0gW";

    private Multipart() {
    }

    static String contentType() {
        return "multipart/form-data; boundary=" + BOUNDARY;
    }

    /** {@code fields} alternate name, value. */
    static HttpRequest.BodyPublisher file(String field, String fileName, byte[] content, String... fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < fields.length; i += 2) {
            write(out, "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + fields[i] + "\"\r\n\r\n"
                    + fields[i + 1] + "\r\n");
        }
        write(out, "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\""
                + fileName + "\"\r\nContent-Type: text/csv\r\n\r\n");
        out.writeBytes(content);
        write(out, "\r\n--" + BOUNDARY + "--\r\n");
        return HttpRequest.BodyPublishers.ofByteArray(out.toByteArray());
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
