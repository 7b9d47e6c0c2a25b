package tms.admin.console;

/**
 * What every page template receives as {@code page}, beside its own parameters: the user (for the menu and
 * the name in the corner) and the CSRF token every form must carry as {@code _csrf}.
 */
public record PageContext(ConsoleUser user, String csrfToken, String title) {

    /** Whether the user may open a section whose pages admit these roles (the menu shows only those). */
    public boolean holdsAny(java.util.Set<Role> roles) {
        return user != null && user.holdsAny(roles);
    }

    public boolean holds(Role role) {
        return user != null && user.roles().contains(role);
    }
}
