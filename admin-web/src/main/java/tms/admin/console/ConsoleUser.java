package tms.admin.console;

import java.util.EnumSet;
import java.util.Set;

/** A signed-in console user: the account name and the roles it holds. */
public record ConsoleUser(String name, Set<Role> roles) {

    public ConsoleUser {
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
    }

    public boolean holdsAny(Set<Role> wanted) {
        for (Role role : roles) {
            if (wanted.contains(role)) {
                return true;
            }
        }
        return false;
    }
}
