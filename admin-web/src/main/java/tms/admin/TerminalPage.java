package tms.admin;

import java.util.List;

import tms.store.TerminalListing;

/** One page of the terminal list; {@code next} is the serial number to continue after, null on the last page. */
public record TerminalPage(List<TerminalListing> terminals, String next) {
}
