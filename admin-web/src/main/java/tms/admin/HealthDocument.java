package tms.admin;

/** The health endpoint's JSON: UP only when the database answers. */
final class HealthDocument {

    private HealthDocument() {
    }

    static String of(StatusReport s) {
        return "{\"status\":" + Json.string(s.databaseUp() ? "UP" : "DOWN")
                + ",\"version\":" + Json.string(s.version())
                + ",\"startedAt\":" + Json.string(s.startedAt().toString())
                + ",\"gateway\":{\"port\":" + s.gatewayPort() + ",\"openConnections\":" + s.openConnections() + "}"
                + ",\"database\":{\"status\":" + Json.string(s.databaseUp() ? "UP" : "DOWN")
                + ",\"url\":" + Json.string(s.database())
                + (s.databaseProblem() == null ? "" : ",\"problem\":" + Json.string(s.databaseProblem())) + "}"
                + ",\"lmk\":{\"checkValue\":" + Json.string(s.lmkCheckValue())
                + ",\"development\":" + s.developmentLmk() + "}"
                + "}";
    }
}
