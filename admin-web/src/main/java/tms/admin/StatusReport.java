package tms.admin;

import java.time.Instant;

/** What the running system is, for the landing page and the health endpoint. */
public record StatusReport(
        String version,
        Instant startedAt,
        int gatewayPort,
        int openConnections,
        String database,
        boolean databaseUp,
        String databaseProblem,
        String lmkCheckValue,
        boolean developmentLmk,
        long terminals,
        long transactions) {
}
