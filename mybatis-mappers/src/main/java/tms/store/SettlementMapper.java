package tms.store;

import java.util.List;
import org.apache.ibatis.annotations.Param;

/** SQL for {@code settlement}, {@code batch_upload_item} and {@code batch_discrepancy} (SettlementMapper.xml). */
public interface SettlementMapper {

    /** Stores a settlement; a second one with the same TID, batch and trace is refused as a duplicate key. */
    void insert(Settlement settlement);

    /** The settlement with this TID, batch and trace, or null. */
    Settlement findByKey(@Param("tid") String tid, @Param("batch") String batch, @Param("trace") String trace);

    /** The settlements of one terminal batch, oldest first. */
    List<Settlement> listForBatch(@Param("tid") String tid, @Param("batch") String batch);

    /** Stores an uploaded transaction; returns 0 (and changes nothing) when the same trace and type is already there. */
    int insertUploadItem(BatchUploadItem item);

    /** The transactions uploaded for one terminal batch, by trace. */
    List<BatchUploadItem> listUploadItems(@Param("tid") String tid, @Param("batch") String batch);

    /** Forgets the discrepancies found for one batch, before they are found again. */
    int deleteDiscrepancies(@Param("tid") String tid, @Param("batch") String batch);

    void insertDiscrepancy(BatchDiscrepancy discrepancy);

    /** The discrepancies of one terminal batch, by trace and kind. */
    List<BatchDiscrepancy> listDiscrepancies(@Param("tid") String tid, @Param("batch") String batch);
}
