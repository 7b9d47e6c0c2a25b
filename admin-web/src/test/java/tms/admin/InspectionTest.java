package tms.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static tms.admin.Manifests.CLOCK;
import static tms.admin.Manifests.KEEPER;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import tms.store.StateChange;
import tms.store.StockUnit;
import tms.store.Store;
import tms.store.TerminalState;
import tms.store.testing.TestDatabase;

/** Inspection and the return-to-factory list on H2 and MariaDB, with the state history they write. */
class InspectionTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("tms.store.testing.TestDatabases#all")
    void aPassKeepsTheUnitInStockAFailureSendsItBackToTheFactory(TestDatabase db) {
        Store store = db.open();
        ManifestImportJob job = Manifests.job("lot.csv");
        new ManifestImport(store, CLOCK).run(job, Manifests.csv(List.of("serial,psam,iccid,model",
                Manifests.row("IN", 1), Manifests.row("IN", 2), Manifests.row("IN", 3))));
        Inspection inspection = new Inspection(store, CLOCK);
        FactoryReturns returns = new FactoryReturns(store, CLOCK);
        assertThat(inspection.awaiting(null, 10)).extracting(StockUnit::serialNumber)
                .containsExactly("IN00000001", "IN00000002", "IN00000003");

        StockUnit passed = inspection.pass("IN00000001", KEEPER);
        StockUnit failed = inspection.fail("IN00000002", "cracked screen", KEEPER);

        assertThat(passed.state()).isEqualTo(TerminalState.IN_STOCK);
        assertThat(passed.inspection()).isEqualTo("PASSED");
        assertThat(failed.state()).isEqualTo(TerminalState.DEFECTIVE);
        assertThat(inspection.awaiting(null, 10)).extracting(StockUnit::serialNumber).containsExactly("IN00000003");
        assertThat(inspection.awaiting("IN00000003", 10)).isEmpty();
        assertThat(returns.waiting(null, 10)).singleElement().satisfies(u -> {
            assertThat(u.serialNumber()).isEqualTo("IN00000002");
            assertThat(u.defectReason()).isEqualTo("cracked screen");
            assertThat(u.inspection()).isEqualTo("FAILED");
        });
        assertThatThrownBy(() -> inspection.pass("IN00000001", KEEPER)).isInstanceOf(TerminalActionRefused.class)
                .hasMessageContaining("already passed");
        assertThatThrownBy(() -> inspection.pass("IN00000002", KEEPER)).isInstanceOf(TerminalActionRefused.class)
                .hasMessageContaining("DEFECTIVE (cracked screen)");
        assertThatThrownBy(() -> inspection.pass("NOPE", KEEPER)).isInstanceOf(TerminalActionRefused.class)
                .hasMessageContaining("import its manifest first");
        assertThatThrownBy(() -> returns.markSent("IN00000001", KEEPER)).isInstanceOf(TerminalActionRefused.class)
                .hasMessageContaining("only a DEFECTIVE unit");

        returns.markSent("IN00000002", KEEPER);

        assertThat(returns.waiting(null, 10)).isEmpty();
        assertThatThrownBy(() -> returns.markSent("IN00000002", KEEPER)).isInstanceOf(TerminalActionRefused.class)
                .hasMessageContaining("SENT_TO_FACTORY");
        List<StateChange> history = new TerminalDirectory(store).describe("IN00000002").orElseThrow().history();
        assertThat(history).extracting(StateChange::event, StateChange::fromState, StateChange::toState)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("sent-to-factory", TerminalState.DEFECTIVE,
                                TerminalState.SENT_TO_FACTORY),
                        org.assertj.core.groups.Tuple.tuple("inspection-failed", TerminalState.IN_STOCK,
                                TerminalState.DEFECTIVE),
                        org.assertj.core.groups.Tuple.tuple("stock-in", null, TerminalState.IN_STOCK));
        assertThat(history.get(1).detail()).isEqualTo("cracked screen");
        assertThat(Manifests.audit(store, "IN00000002")).extracting(e -> e.action() + " " + e.afterState())
                .containsExactly("inventory.sent-to-factory state=SENT_TO_FACTORY",
                        "inventory.inspection state=DEFECTIVE inspection=FAILED");
    }
}
