package tms.admin;

/** A password the console made up for an account (new, or reset): shown once, to be changed at first sign-in. */
public record InitialPassword(String account, String password) {

    @Override
    public String toString() {
        return "InitialPassword[account=" + account + ", password=(hidden)]";
    }
}
