package tms.admin.console;

/**
 * Checks a signed-in user's password again before a grave action (revoking a terminal). A wrong password
 * counts towards the account's lock like a failed login.
 */
public interface PasswordConfirmation {

    boolean confirm(String userName, String password);
}
