package tms.admin.console;

/** What a route does with an authenticated, role-checked request. */
@FunctionalInterface
public interface Endpoint {

    Reply handle(ConsoleRequest request) throws Exception;
}
