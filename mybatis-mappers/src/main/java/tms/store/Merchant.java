package tms.store;

import java.time.Instant;

/** A merchant, known to UnionPay by its MID; {@code id} and {@code createdAt} may be null on insert. */
public record Merchant(Long id, String mid, String name, Instant createdAt) {
}
