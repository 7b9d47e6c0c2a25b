/**
 * The wire format of the China UnionPay POS dialect of ISO 8583 ("CUP 8583"), as pure functions over bytes.
 *
 * <p>The dialect itself is data: {@code cup8583.xml} declares every field for jPOS's
 * {@link org.jpos.iso.packager.GenericPackager}, using the strict field classes of this package so that a
 * malformed message is rejected with the field and the problem named, never half-read. {@link tms.iso8583.CupMessageCodec}
 * packs and unpacks message bodies (MTI onward), {@link tms.iso8583.Frame} splits the TPDU and header off the
 * body, the records {@link tms.iso8583.Field60}, {@link tms.iso8583.WorkingKeys}, {@link tms.iso8583.SettlementTotals}
 * and {@link tms.iso8583.OriginalData} type the composite fields, {@link tms.iso8583.MessageKind} names what a
 * request is, and {@link tms.iso8583.MaskedMessage} is the only way a message should reach a log.
 *
 * <p>Nothing here opens a socket, starts a thread or reads a file other than its own classpath resource; the
 * shared packager is thread-safe, an {@link org.jpos.iso.ISOMsg} is not and must stay on one thread.
 */
package tms.iso8583;
