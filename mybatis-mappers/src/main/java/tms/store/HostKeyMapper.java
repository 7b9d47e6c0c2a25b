package tms.store;

/** The host's own key pairs. */
public interface HostKeyMapper {

    /** Fails with a duplicate key when another node stored a key of that name first. */
    void insert(HostKey key);

    HostKey find(String name);
}
