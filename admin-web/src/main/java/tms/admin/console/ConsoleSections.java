package tms.admin.console;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import tms.admin.ActivationApplications;
import tms.admin.ActivationCodes;
import tms.admin.ApplicationQueue;
import tms.admin.FactoryReturns;
import tms.admin.Inspection;
import tms.admin.ManifestImport;
import tms.admin.ManifestImportJobs;
import tms.admin.TerminalDirectory;
import tms.admin.TerminalRekey;
import tms.admin.TerminalRevocation;
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
        ActivationCodes codes = new ActivationCodes(store, hsm, clock, new SecureRandom());
        TerminalRevocation revocation = new TerminalRevocation(store, clock);
        ActivationApplications applications = new ActivationApplications(store, hsm, codes, revocation, clock);
        ApplicationQueue queue = new ApplicationQueue(store, clock);
        sections.add(new ApplicationSection(applications, queue));
        sections.add(new PlatformBatchSection(applications, queue));
        TerminalDirectory directory = new TerminalDirectory(store);
        ManifestImportJobs imports = new ManifestImportJobs(new ManifestImport(store, clock), clock);
        sections.add(new InventorySection(imports, new Inspection(store, clock), new FactoryReturns(store, clock),
                directory));
        sections.add(new TerminalSection(directory, codes, revocation, new TerminalRekey(store, hsm, clock),
                passwords));
        return sections;
    }
}
