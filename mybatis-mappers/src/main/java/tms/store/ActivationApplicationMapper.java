package tms.store;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

import org.apache.ibatis.annotations.Param;

/**
 * SQL for the activation paperwork: {@code activation_application}, its documents, the ID-number holders, the
 * submission lock and the platform batches (statements in ActivationApplicationMapper.xml).
 */
public interface ActivationApplicationMapper {

    /** Locks the one submission row until the transaction ends: submissions run one at a time. */
    String lockSubmissions();

    void insert(ActivationApplication application);

    /** The id the last insert on this connection was given (an application or a batch). */
    long lastInsertId();

    ActivationApplication find(@Param("id") long id);

    ActivationApplication findForUpdate(@Param("id") long id);

    /** Newest first; {@code region} null for all regions, {@code states} empty for all states. */
    List<ActivationApplication> list(@Param("region") String region, @Param("states") Collection<ApplicationState> states,
                                     @Param("limit") int limit);

    /** The terminal's applications, newest first. */
    List<ActivationApplication> listBySerialNumber(@Param("serialNumber") String serialNumber);

    List<ActivationApplication> listByBatch(@Param("batchId") long batchId);

    /** Count of applications per region in these states, as rows of (region, count). */
    List<RegionCount> countByRegion(@Param("states") Collection<ApplicationState> states);

    /** Corrected papers: every field the merchant fills in, and SUBMITTED again. */
    void resubmit(ActivationApplication corrected);

    void assign(@Param("id") long id, @Param("assignee") String assignee, @Param("at") Instant at);

    void review(@Param("id") long id, @Param("state") ApplicationState state, @Param("by") String by,
                @Param("at") Instant at, @Param("reason") String reason);

    void batch(@Param("id") long id, @Param("batchId") long batchId, @Param("at") Instant at);

    void platformAnswer(@Param("id") long id, @Param("state") ApplicationState state, @Param("result") String result,
                        @Param("reason") String reason, @Param("by") String by, @Param("at") Instant at);

    void callBack(@Param("id") long id, @Param("by") String by, @Param("at") Instant at, @Param("notes") String notes);

    /** ARCHIVED or WITHDRAWN, by whom and when; a withdrawal has a reason. */
    void close(@Param("id") long id, @Param("state") ApplicationState state, @Param("by") String by,
               @Param("at") Instant at, @Param("reason") String reason);

    void insertDocument(ApplicationDocument document);

    void deleteDocument(@Param("applicationId") long applicationId, @Param("side") String side);

    ApplicationDocument findDocument(@Param("applicationId") long applicationId, @Param("side") String side);

    void insertHolder(IdNumberHolder holder);

    IdNumberHolder findHolderForUpdate(@Param("idHash") String idHash);

    IdNumberHolder findHolderBySerialNumber(@Param("serialNumber") String serialNumber);

    void updateHolder(IdNumberHolder holder);

    void deleteHolder(@Param("idHash") String idHash);

    void insertBatch(@Param("batch") ApplicationBatch batch, @Param("content") byte[] content);

    List<ApplicationBatch> listBatches(@Param("limit") int limit);

    ApplicationBatch findBatch(@Param("id") long id);

    /** The file as it was sent, or null for an unknown batch. */
    BatchFile batchFile(@Param("id") long id);

    /** A batch's file as it was sent (a byte[] result would be read by MyBatis as a list of rows). */
    record BatchFile(byte[] content) {
    }

    /** A region and how many applications it has. */
    record RegionCount(String region, long count) {
    }
}
