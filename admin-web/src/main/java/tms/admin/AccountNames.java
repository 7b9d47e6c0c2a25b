package tms.admin;

import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import tms.admin.console.InputRefused;
import tms.admin.console.Role;

/** The rules for account names, role lists and passwords, and the random passwords the console hands out. */
final class AccountNames {

    static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,63}");
    static final int MIN_PASSWORD = 12;
    static final int MAX_PASSWORD = 200;
    /** No 0/O, 1/l/I: these passwords are read off a screen and typed in. */
    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzACDEFGHJKLMNPQRSTUVWXYZ23456789";

    private AccountNames() {
    }

    static String requireName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InputRefused("an account name is 2 to 64 characters: lowercase letters, digits, '.', '_' or '-',"
                    + " starting with a letter or digit (not '" + (name == null ? "" : name) + "')");
        }
        return name;
    }

    static Set<Role> requireRoles(Set<Role> roles) {
        if (roles == null || roles.isEmpty()) {
            throw new InputRefused("choose at least one role (to stop someone signing in, disable the account)");
        }
        return EnumSet.copyOf(roles);
    }

    static void requireAcceptable(String account, String password) {
        if (password == null || password.length() < MIN_PASSWORD || password.length() > MAX_PASSWORD) {
            throw new InputRefused("choose a new password of " + MIN_PASSWORD + " to " + MAX_PASSWORD + " characters");
        }
        if (password.toLowerCase().contains(account.toLowerCase())) {
            throw new InputRefused("the new password must not contain the account name");
        }
    }

    /** 16 characters in four groups (about 92 bits), e.g. {@code hT4q-...}. */
    static String randomPassword(SecureRandom random) {
        StringBuilder out = new StringBuilder(19);
        for (int i = 0; i < 16; i++) {
            if (i > 0 && i % 4 == 0) {
                out.append('-');
            }
            out.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return out.toString();
    }

    static String describe(Set<Role> roles) {
        return roles.stream().sorted().map(Enum::name).collect(Collectors.joining(","));
    }
}
