package tms.store;

import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Param;

/** SQL for the {@code terminal} table (statements in TerminalMapper.xml); the updates return rows changed. */
public interface TerminalMapper {

    void insert(Terminal t);

    /** The terminal with this serial number, or null. */
    Terminal findBySerialNumber(String serialNumber);

    /** The terminal with this TID, or null. */
    Terminal findByTid(String tid);

    int updateBatch(@Param("tid") String tid, @Param("batch") String batch);

    /**
     * Moves the terminal's current batch from {@code from} to {@code to} (after {@code from} was settled); returns 0
     * and changes nothing when the current batch is no longer {@code from}, e.g. a sign-in already opened a new one.
     */
    int advanceBatch(@Param("tid") String tid, @Param("from") String from, @Param("to") String to);

    int touchLastSeen(@Param("tid") String tid, @Param("at") Instant at);

    int updateState(@Param("tid") String tid, @Param("state") TerminalState state);

    /** At most {@code limit} terminals, oldest registered first. */
    List<Terminal> list(@Param("limit") int limit);

    /** How many terminals are registered, in any state. */
    long count();

    /** The activation view of a terminal, locking its row until the transaction ends. */
    TerminalActivation findActivationForUpdate(@Param("serialNumber") String serialNumber);

    TerminalActivation findActivation(@Param("serialNumber") String serialNumber);

    /** Counts a wrong activation code; {@code lockAt} non-null locks the serial against further tries. */
    int recordFailedActivation(@Param("serialNumber") String serialNumber, @Param("lockAt") java.time.Instant lockAt);

    /** Lifts the lock and forgets the failed tries. */
    int unlockActivation(@Param("serialNumber") String serialNumber);

    /** The terminal becomes ACTIVE with its TID, MID, TMK and device key; failed tries are forgotten. */
    int activate(@Param("serialNumber") String serialNumber, @Param("tid") String tid, @Param("mid") String mid,
                 @Param("tmkWrapped") String tmkWrapped, @Param("tmkCheckValue") String tmkCheckValue,
                 @Param("deviceKeyAlgorithm") String deviceKeyAlgorithm,
                 @Param("devicePublicKey") String devicePublicKey);

    int revoke(@Param("serialNumber") String serialNumber, @Param("reason") String reason);

    /**
     * Terminals revoked or suspended at or after {@code since} (database time), for gateways to close their
     * sessions.
     */
    List<BarredTerminal> listBarredSince(@Param("since") java.time.Instant since);

    /** A terminal as a financial message needs it: state, merchant, batch and its last sign-in's keys. */
    SignedInTerminal findSignedIn(@Param("tid") String tid);

    /** Stores a sign-in of an ACTIVE terminal: new batch, working keys (LMK-wrapped), when; 0 if not ACTIVE. */
    int recordSignIn(@Param("tid") String tid, @Param("batch") String batch, @Param("pikWrapped") String pikWrapped,
                     @Param("makWrapped") String makWrapped, @Param("tdkWrapped") String tdkWrapped,
                     @Param("at") java.time.Instant at);

    /** Forgets the working keys (sign-off): financial messages get A0 until the next sign-in. */
    int clearWorkingKeys(@Param("tid") String tid);

    /**
     * Orders a re-key: the new TMK (LMK-wrapped) waits for the terminal, replacing any earlier order; 0 unless
     * the terminal is ACTIVE and has a device key to send it under.
     */
    int orderRekey(@Param("serialNumber") String serialNumber, @Param("pendingTmkWrapped") String pendingTmkWrapped,
                   @Param("pendingTmkCheckValue") String pendingTmkCheckValue, @Param("at") java.time.Instant at);

    /** The re-key view of a terminal by TID, or null. */
    PendingTmk findPendingTmk(@Param("tid") String tid);

    /** The re-key view of a terminal by serial number, or null. */
    PendingTmk findPendingTmkBySerialNumber(@Param("serialNumber") String serialNumber);

    /** Notes that the waiting TMK was sent (the first time only). */
    int markPendingTmkSent(@Param("tid") String tid, @Param("at") java.time.Instant at);

    /**
     * The terminal confirmed the waiting TMK: it becomes the TMK, the working keys of the old one are forgotten
     * (the terminal must sign in again); 0 unless an ACTIVE terminal has a waiting TMK with this check value.
     */
    int confirmPendingTmk(@Param("tid") String tid, @Param("checkValue") String checkValue);

    /**
     * A TMK loaded locally (key-loading device) replaces the terminal's: its working keys and any re-key
     * waiting for it are forgotten; 0 if the terminal is revoked or unknown.
     */
    int replaceTmk(@Param("serialNumber") String serialNumber, @Param("tmkWrapped") String tmkWrapped,
                   @Param("tmkCheckValue") String tmkCheckValue);

    /** Whether a new TMK waits for the terminal (false for an unknown TID). */
    boolean isRekeyPending(@Param("tid") String tid);

    /** The database's clock, so that nodes with skewed clocks agree on {@link #listBarredSince}. */
    java.time.Instant databaseNow();
}
