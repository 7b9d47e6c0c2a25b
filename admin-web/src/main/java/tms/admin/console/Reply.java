package tms.admin.console;

import java.util.Map;

/** What an endpoint answers; the console servlet writes it out with the security headers. */
public sealed interface Reply {

    /** A JTE template (e.g. {@code "inventory/terminals.jte"}) rendered with these parameters plus {@code page}. */
    record Page(int status, String template, String title, Map<String, Object> parameters) implements Reply {
    }

    /** A JSON document (Jackson serialises records and maps). */
    record Json(int status, Object body) implements Reply {
    }

    /** 303 See Other: after a successful form post, so a reload does not post again. */
    record Redirect(String location) implements Reply {
    }

    /** A file to save (an export for the platform, a report); with no file name, content shown in place. */
    record Download(String fileName, String contentType, byte[] content) implements Reply {
    }

    /** A short plain message with a status (for 4xx answers the page or API shows as it is). */
    record Message(int status, String text) implements Reply {
    }

    static Page page(String template, String title, Map<String, Object> parameters) {
        return new Page(200, template, title, parameters);
    }

    static Json json(Object body) {
        return new Json(200, body);
    }

    static Json json(int status, Object body) {
        return new Json(status, body);
    }

    static Redirect redirect(String location) {
        return new Redirect(location);
    }

    static Download download(String fileName, String contentType, byte[] content) {
        return new Download(fileName, contentType, content);
    }

    /** Content the browser uses in place (a script, a style sheet, an image). */
    static Download inline(String contentType, byte[] content) {
        return new Download(null, contentType, content);
    }

    static Message message(int status, String text) {
        return new Message(status, text);
    }
}
