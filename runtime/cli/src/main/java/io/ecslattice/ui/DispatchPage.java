package io.ecslattice.ui;

import java.util.List;

/**
 * One page of the dispatch list, newest first.
 *
 * @param dispatches the rows of this page
 * @param offset     rows skipped before this page
 * @param limit      the page size asked for
 * @param more       true when older dispatches follow this page
 */
public record DispatchPage(List<DispatchRow> dispatches, int offset, int limit, boolean more) {
    public DispatchPage {
        dispatches = List.copyOf(dispatches);
    }
}
