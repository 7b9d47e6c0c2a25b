package tms.store;

import java.time.Instant;

import org.apache.ibatis.annotations.Param;

/** Activation codes: issued, used once, or withdrawn when a newer one is issued. */
public interface ActivationCodeMapper {

    void insert(ActivationCode code);

    /** The most recently issued code for the serial number, in any state, or null. */
    ActivationCode findLatest(@Param("serialNumber") String serialNumber);

    /** Marks the code used unless it already is; returns 1 when this call used it, 0 when it was used before. */
    int markUsed(@Param("id") long id, @Param("at") Instant at);

    /** Withdraws every open code of the serial number (a new one replaces them); returns how many. */
    int withdrawOpen(@Param("serialNumber") String serialNumber, @Param("at") Instant at);
}
