package tms.admin.console;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import tms.hsm.SecurityModule;
import tms.store.Store;

/**
 * The business sections of the console (inventory, terminals, applications, ...), listed in this one place: the
 * server serves them beside its own sections, and the route walk test walks every route of all of them with
 * every role. A new section is added here and nowhere else.
 */
public final class ConsoleSections {

    private ConsoleSections() {
    }

    public static List<ConsoleSection> all(Store store, SecurityModule hsm, Clock clock,
                                           PasswordConfirmation passwords) {
        List<ConsoleSection> sections = new ArrayList<>();
        // the integrator adds the inventory, terminal and application sections here
        return sections;
    }
}
