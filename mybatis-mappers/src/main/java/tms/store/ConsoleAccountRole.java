package tms.store;

/** One role held by one console account (role names are the console's Role enum constants). */
public record ConsoleAccountRole(long accountId, String role) {
}
