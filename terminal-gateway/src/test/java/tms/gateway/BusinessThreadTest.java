package tms.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tms.simulator.SimulatedTerminal;
import tms.store.testing.TestDatabases;

/** The platform, and the database work around it, runs on business threads, never on Netty's I/O threads. */
class BusinessThreadTest {

    @TempDir
    Path temp;

    @Test
    void authorisationsRunOnBusinessThreads() throws Exception {
        List<String> threads = new CopyOnWriteArrayList<>();
        StandInPlatform standIn = new StandInPlatform(StandInRules.defaults());
        PaymentPlatform recording = request -> {
            threads.add(Thread.currentThread().getName());
            return standIn.authorise(request);
        };
        try (GatewayFixture fixture = new GatewayFixture(TestDatabases.h2(), temp, GatewayConfig.defaults(), recording)) {
            fixture.registerDefault();
            try (SimulatedTerminal terminal = fixture.terminal()) {
                assertThat(terminal.signIn("003").approved()).isTrue();
                assertThat(terminal.purchase(100, "6212261234567890").approved()).isTrue();
                assertThat(terminal.balanceInquiry("6212261234567890").approved()).isTrue();
            }
        }
        assertThat(threads).hasSize(2)
                .allSatisfy(name -> assertThat(name).startsWith(TerminalGateway.BUSINESS_THREADS));
    }
}
