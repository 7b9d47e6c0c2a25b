package tms.store;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.apache.ibatis.annotations.Param;

/** SQL of the warehouse: stocking in a manifest's units, inspection, the return-to-factory list (InventoryMapper.xml). */
public interface InventoryMapper {

    /** Inserts the units IN_STOCK in one multi-row statement; returns the rows inserted. */
    int insertInStock(@Param("units") List<ManifestUnit> units);

    /** Which of these serial numbers are already stored (as stored; the collation decides case). */
    List<String> existingSerialNumbers(@Param("values") Collection<String> values);

    /** Which of these PSAM numbers are already stored. */
    List<String> existingPsamNumbers(@Param("values") Collection<String> values);

    /** Which of these SIM ICCIDs are already stored. */
    List<String> existingSimIccids(@Param("values") Collection<String> values);

    /** The unit, locking its row until the transaction ends; null if unknown. */
    StockUnit findForUpdate(@Param("serialNumber") String serialNumber);

    /** Records an inspection's result and the state it leads to; returns rows changed. */
    int recordInspection(@Param("serialNumber") String serialNumber, @Param("inspection") String inspection,
                         @Param("state") TerminalState state, @Param("defectReason") String defectReason,
                         @Param("at") Instant at);

    /** A DEFECTIVE unit went back to its factory: SENT_TO_FACTORY; 0 unless it was DEFECTIVE. */
    int markSentToFactory(@Param("serialNumber") String serialNumber);

    /** IN_STOCK units never inspected, by serial number after {@code after} (null: from the first). */
    List<StockUnit> listAwaitingInspection(@Param("after") String after, @Param("limit") int limit);

    /** Units in this state, by serial number after {@code after} (null: from the first). */
    List<StockUnit> listInState(@Param("state") TerminalState state, @Param("after") String after,
                                @Param("limit") int limit);
}
