package tms.store;

/**
 * What the terminal list is searched by; a null field does not filter. {@code serialPrefix} matches serial numbers
 * that start with it, the others match exactly. {@code after} is the last serial number of the page before (keyset
 * paging): the page holds the first {@code limit} matches whose serial number sorts after it.
 */
public record TerminalFilter(String serialPrefix, String tid, String mid, TerminalState state, String model,
                             String serviceProvider, String after, int limit) {

    /** The LIKE pattern of the serial prefix; the prefix is checked to hold no wildcard by the caller. */
    public String serialPattern() {
        return serialPrefix == null ? null : serialPrefix + "%";
    }
}
