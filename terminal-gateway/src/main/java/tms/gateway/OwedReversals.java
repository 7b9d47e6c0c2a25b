package tms.gateway;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tms.store.Store;
import tms.store.UpstreamReversal;
import tms.store.UpstreamReversalMapper;

/**
 * The reversals owed to the upstream platform, kept in the store so that none is forgotten by a restart: stored the
 * moment an answer is given up on, then sent again and again, with back-off, until the platform acknowledges them.
 */
final class OwedReversals {

    private static final Logger LOG = LoggerFactory.getLogger(OwedReversals.class);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);
    private static final int BATCH = 20;

    /** Sends one reversal and returns the platform's response code, or null when no answer came. */
    @FunctionalInterface
    interface Sender {
        String send(UpstreamReversal reversal);
    }

    private final Store store;
    private final Clock clock;

    OwedReversals(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Records a reversal as owed; one already owed for the same TID + STAN + RRN stays as it is. */
    void owe(UpstreamReversal reversal) {
        try {
            store.write(s -> {
                s.getMapper(UpstreamReversalMapper.class).insert(reversal);
                return null;
            });
            LOG.warn("reversal owed upstream: platform terminal {} stan {} rrn {} amount {} reason {}", reversal.tid(),
                    reversal.stan(), reversal.rrn(), reversal.amount(), reversal.reason());
        } catch (RuntimeException e) {
            if (!Store.isDuplicateKey(e)) {
                throw e;
            }
        }
    }

    /**
     * Sends every due reversal once (claiming each first, so that another node does not send it at the same time);
     * a 00, or a 25 (the platform never saw the original: nothing to reverse), settles it. Returns how many settled.
     */
    int retryDue(Sender sender) {
        Instant now = clock.instant();
        List<UpstreamReversal> due = store.read(s -> s.getMapper(UpstreamReversalMapper.class).listDue(now, BATCH));
        int settled = 0;
        for (UpstreamReversal reversal : due) {
            Instant next = now.plus(backoff(reversal.attempts()));
            Integer claimed = store.write(s -> s.getMapper(UpstreamReversalMapper.class)
                    .claim(reversal.id(), reversal.attempts(), next));
            if (claimed == 0) {
                continue;
            }
            String code = sender.send(reversal);
            if (ResponseCodes.APPROVED.equals(code) || ORIGINAL_NOT_FOUND.equals(code)) {
                store.write(s -> s.getMapper(UpstreamReversalMapper.class).acknowledge(reversal.id(), clock.instant(), code));
                LOG.info("reversal acknowledged upstream ({}): platform terminal {} stan {} rrn {} after {} attempt(s)",
                        code, reversal.tid(), reversal.stan(), reversal.rrn(), reversal.attempts() + 1);
                settled++;
            } else {
                if (code != null) {
                    store.write(s -> s.getMapper(UpstreamReversalMapper.class).recordAttempt(reversal.id(), code));
                }
                LOG.warn("reversal not acknowledged upstream ({}): platform terminal {} stan {} rrn {}; next attempt at {}",
                        code == null ? "no answer" : code, reversal.tid(), reversal.stan(), reversal.rrn(), next);
            }
        }
        return settled;
    }

    /** 1 s after the first attempt, doubling up to 5 minutes. */
    static Duration backoff(int attemptsSoFar) {
        if (attemptsSoFar >= 9) {
            return MAX_BACKOFF;
        }
        Duration wait = Duration.ofSeconds(1L << attemptsSoFar);
        return wait.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait;
    }

    private static final String ORIGINAL_NOT_FOUND = "25";
}
