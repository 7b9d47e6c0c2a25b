package tms.admin;

/** Who asks for a change and from where, as the audit log records it (e.g. "cli:alice", "local"). */
public record Actor(String name, String sourceAddress) {

    public Actor {
        if (name == null || name.isBlank() || name.length() > 64) {
            throw new IllegalArgumentException("an actor needs a name of 1 to 64 characters");
        }
    }

    /** The operating-system user running a command on this machine. */
    public static Actor commandLine() {
        return new Actor("cli:" + System.getProperty("user.name", "unknown"), "local");
    }
}
