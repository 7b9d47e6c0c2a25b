package tms.store;

import java.time.Instant;
import java.util.List;

import org.apache.ibatis.annotations.Param;

/** Console API tokens, found by the SHA-256 of the token a request presents. */
public interface ConsoleApiTokenMapper {

    void insert(ConsoleApiToken token);

    ConsoleApiToken findByHash(@Param("tokenHash") String tokenHash);

    ConsoleApiToken findById(@Param("id") long id);

    /** One account's tokens, newest first, revoked ones included. */
    List<ConsoleApiToken> listByAccount(@Param("accountId") long accountId);

    /** Revokes the token unless it already is; returns 1 when this call revoked it. */
    int revoke(@Param("id") long id, @Param("at") Instant at);

    /** Notes a use, at most once per {@code staleBefore} window, so API calls do not each write a row. */
    int touch(@Param("id") long id, @Param("at") Instant at, @Param("staleBefore") Instant staleBefore);
}
