package tms.store;

import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Param;

/** The keys at rest as an LMK rotation sees them, the installation's own keys, and the rotation in progress. */
public interface StoredKeyMapper {

    /** Up to {@code limit} rows of the column with a key, in id order, after the row {@code afterRowId} (null: from the first). */
    List<StoredKey> page(@Param("table") String table, @Param("idColumn") String idColumn,
            @Param("keyColumn") String keyColumn, @Param("afterRowId") Object afterRowId, @Param("limit") int limit);

    /** Replaces one row's key if it still holds {@code oldKey}; 0 when the row changed meanwhile. */
    int replace(@Param("table") String table, @Param("idColumn") String idColumn, @Param("keyColumn") String keyColumn,
            @Param("rowId") Object rowId, @Param("oldKey") String oldKey, @Param("newKey") String newKey);

    /** Rows of the column that hold a key. */
    long count(@Param("table") String table, @Param("keyColumn") String keyColumn);

    /** The text form of the installation key of that name, or null. */
    String findInstallationKey(@Param("name") String name);

    /** Fails with a duplicate key when another process stored one of that name first. */
    void insertInstallationKey(@Param("name") String name, @Param("keyWrapped") String keyWrapped);

    /** The text form of the zone key of that name ({@code zone-pin}, {@code zone-mac}), or null. */
    String findZoneKey(@Param("name") String name);

    /** Stores a zone key, replacing the one of that name (the platform and the custodians changed it). */
    void saveZoneKey(@Param("name") String name, @Param("keyWrapped") String keyWrapped,
            @Param("checkValue") String checkValue, @Param("createdAt") Instant createdAt);

    /** The rotation in progress, or null. */
    LmkRotationState findRotation();

    /** Fails with a duplicate key when a rotation is already in progress. */
    void startRotation(@Param("oldLmkCheckValue") String oldLmkCheckValue,
            @Param("newLmkCheckValue") String newLmkCheckValue, @Param("startedAt") Instant startedAt);

    /** Ends the rotation in progress; 0 if there was none. */
    int finishRotation();
}
