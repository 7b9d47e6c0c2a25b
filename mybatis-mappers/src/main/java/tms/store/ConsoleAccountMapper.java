package tms.store;

import java.time.Instant;
import java.util.List;

import org.apache.ibatis.annotations.Param;

/** Console accounts and their roles. */
public interface ConsoleAccountMapper {

    void insert(ConsoleAccount account);

    ConsoleAccount findByName(@Param("name") String name);

    ConsoleAccount findById(@Param("id") long id);

    /** The account row locked for this transaction (failed-login counting must not lose a count to a race). */
    ConsoleAccount findByNameForUpdate(@Param("name") String name);

    /** Every account, by name. */
    List<ConsoleAccount> list();

    long count();

    List<String> rolesOf(@Param("accountId") long accountId);

    /** Every role of every account. */
    List<ConsoleAccountRole> listRoles();

    void insertRole(@Param("accountId") long accountId, @Param("role") String role);

    int deleteRoles(@Param("accountId") long accountId);

    int updatePassword(@Param("id") long id, @Param("passwordHash") String passwordHash,
                       @Param("mustChange") boolean mustChange, @Param("at") Instant at);

    int updateFailedLogins(@Param("id") long id, @Param("failedLogins") int failedLogins,
                           @Param("lockedUntil") Instant lockedUntil);

    /** A successful sign-in: forgets failed tries and any expired lock. */
    int recordLogin(@Param("id") long id, @Param("at") Instant at);

    int updateDisabled(@Param("id") long id, @Param("disabled") boolean disabled);
}
