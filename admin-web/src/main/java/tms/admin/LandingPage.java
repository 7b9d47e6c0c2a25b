package tms.admin;

import static tms.admin.Html.escape;

/** The console's front page for now: what is running, and where. */
final class LandingPage {

    private LandingPage() {
    }

    static String of(StatusReport s) {
        StringBuilder html = new StringBuilder(2048);
        html.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<title>Terminal management server</title>")
                .append("<style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:48rem}")
                .append("th{text-align:left;padding-right:1.5rem}td,th{padding:.25rem 0}")
                .append(".warn{background:#fff3cd;border:1px solid #d39e00;padding:.75rem}")
                .append(".down{color:#b00020}</style></head><body>")
                .append("<h1>Terminal management server</h1>");
        if (s.developmentLmk()) {
            html.append("<p class=\"warn\" id=\"dev-lmk\"><strong>Development LMK.</strong> Keys here are protected ")
                    .append("by a development master key kept in a file; never load real keys into this installation.</p>");
        }
        html.append("<table>")
                .append(row("Version", s.version()))
                .append(row("Running since", s.startedAt().toString()))
                .append(row("Terminal gateway", "TCP port " + s.gatewayPort() + ", "
                        + s.openConnections() + " terminal connection(s) open"))
                .append(row("Database", s.database() + (s.databaseUp() ? "" : " — DOWN: " + s.databaseProblem())))
                .append(row("LMK check value", s.lmkCheckValue()))
                .append(row("Terminals registered", Long.toString(s.terminals())))
                .append(row("Transactions captured", Long.toString(s.transactions())))
                .append("</table>")
                .append("<p>Health: <a href=\"/health\">/health</a></p>")
                .append("</body></html>");
        return html.toString();
    }

    private static String row(String name, String value) {
        return "<tr><th>" + escape(name) + "</th><td>" + escape(value) + "</td></tr>";
    }
}
