package tms.store;

/** One unit of a manufacturer's manifest as it is stocked in: its three codes and model. */
public record ManifestUnit(String serialNumber, String psamNumber, String simIccid, String model) {
}
