package tms.admin;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The platform's answer to a batch, as a file: UTF-8 CSV (a BOM is tolerated), the header
 * {@code application_id,result,reason}, then one line per application: APPROVED, or REFUSED with a reason of at most
 * 200 characters. docs/applications.md describes it. Parsing finds every problem of every line, so the report can
 * name them all at once.
 */
final class PlatformResultFile {

    static final List<String> HEADER = List.of("application_id", "result", "reason");
    static final int MAX_BYTES = 1024 * 1024;
    static final int MAX_ROWS = 2_000;

    private PlatformResultFile() {
    }

    /** One line that parsed: the platform's decision on one application. */
    record Answer(int line, long applicationId, boolean approved, String reason) {
    }

    /** The lines that parsed and the problems of those that did not. */
    record Parsed(List<Answer> answers, List<PlatformResultReport.Line> problems) {
    }

    static Parsed parse(byte[] file) {
        if (file == null || file.length == 0) {
            throw new ApplicationFieldRefused("upload the platform's result file (CSV: application_id,result,reason)");
        }
        if (file.length > MAX_BYTES) {
            throw new ApplicationFieldRefused("the result file is " + file.length / 1024 + " KiB; at most "
                    + MAX_BYTES / 1024 + " KiB is accepted: split it");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(file)).toString();
        } catch (CharacterCodingException e) {
            throw new ApplicationFieldRefused("the result file is not UTF-8 text: save it as CSV UTF-8");
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<Csv.Row> rows = Csv.parse(text);
        if (rows.isEmpty() || !normalised(rows.get(0).fields()).equals(HEADER)) {
            throw new ApplicationFieldRefused("the result file must start with the header line "
                    + String.join(",", HEADER));
        }
        if (rows.size() == 1) {
            throw new ApplicationFieldRefused("the result file has a header but no answers");
        }
        if (rows.size() - 1 > MAX_ROWS) {
            throw new ApplicationFieldRefused("the result file has " + (rows.size() - 1) + " answers; at most "
                    + MAX_ROWS + " are accepted: split it");
        }
        List<Answer> answers = new ArrayList<>();
        List<PlatformResultReport.Line> problems = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        for (Csv.Row row : rows.subList(1, rows.size())) {
            List<String> f = row.fields();
            String idText = f.isEmpty() ? "" : f.get(0).trim();
            if (f.size() < 2 || f.size() > 3) {
                problems.add(PlatformResultReport.Line.problem(row.line(), idText, "has " + f.size()
                        + " fields; expected application_id,result,reason"));
                continue;
            }
            long id;
            try {
                id = Long.parseLong(idText);
            } catch (NumberFormatException e) {
                problems.add(PlatformResultReport.Line.problem(row.line(), idText,
                        "application_id is not a number"));
                continue;
            }
            if (!seen.add(id)) {
                problems.add(PlatformResultReport.Line.problem(row.line(), idText,
                        "application " + id + " is answered twice in this file"));
                continue;
            }
            String result = f.get(1).trim().toUpperCase(Locale.ROOT);
            String reason = f.size() == 3 ? f.get(2).trim() : "";
            if (result.equals("APPROVED")) {
                answers.add(new Answer(row.line(), id, true, reason.isEmpty() ? null : reason));
            } else if (result.equals("REFUSED")) {
                if (reason.isEmpty() || reason.length() > 200) {
                    problems.add(PlatformResultReport.Line.problem(row.line(), idText,
                            "a refusal needs a reason of 1 to 200 characters"));
                } else {
                    answers.add(new Answer(row.line(), id, false, reason));
                }
            } else {
                problems.add(PlatformResultReport.Line.problem(row.line(), idText,
                        "result '" + f.get(1).trim() + "' is neither APPROVED nor REFUSED"));
            }
        }
        return new Parsed(answers, problems);
    }

    private static List<String> normalised(List<String> header) {
        return header.stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).toList();
    }
}
