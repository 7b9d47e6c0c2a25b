package tms.admin.console;

import java.util.List;

/** One area of the console (inventory, applications, accounts, audit ...): the routes it serves. */
public interface ConsoleSection {

    List<Route> routes();
}
