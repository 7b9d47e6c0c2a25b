package tms.admin.console;

/**
 * What every page template receives as {@code page}, beside its own parameters: the user (for the menu and
 * the name in the corner) and the CSRF token every form must carry as {@code _csrf}.
 */
public record PageContext(ConsoleUser user, String csrfToken, String title) {

    public boolean holds(Role role) {
        return user != null && user.roles().contains(role);
    }
}
