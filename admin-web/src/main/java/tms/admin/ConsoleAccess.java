package tms.admin;

import java.security.SecureRandom;
import java.time.Clock;

import tms.store.Store;

/** Who may use the console, over one store: accounts, the password checks and the API tokens. */
public record ConsoleAccess(ConsoleAccounts accounts, ConsoleSignIn signIn, ApiTokens tokens) {

    /** With the production Argon2id cost. */
    public static ConsoleAccess over(Store store, Clock clock) {
        return over(store, clock, new PasswordHashing());
    }

    public static ConsoleAccess over(Store store, Clock clock, PasswordHashing hashing) {
        SecureRandom random = new SecureRandom();
        return new ConsoleAccess(new ConsoleAccounts(store, clock, hashing, random),
                new ConsoleSignIn(store, clock, hashing), new ApiTokens(store, clock, random));
    }
}
