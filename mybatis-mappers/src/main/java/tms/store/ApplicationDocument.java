package tms.store;

import java.time.Instant;

/** One side of a merchant's ID card as uploaded ({@code side} FRONT or BACK; JPEG or PNG). */
public record ApplicationDocument(long applicationId, String side, String contentType, byte[] content,
                                  Instant uploadedAt) {
}
