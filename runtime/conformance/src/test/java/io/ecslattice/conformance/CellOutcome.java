package io.ecslattice.conformance;

import java.time.Duration;

/**
 * What one cell came to: the row's expected facts, the observed ones (or what the row threw), and the time from
 * its first dispatch to its last result.
 *
 * @param row      the row's name
 * @param column   the column's name
 * @param expected the row's expected facts; null when even they could not be computed
 * @param observed what the cell came to; null when the row threw
 * @param thrown   what the row threw; null otherwise
 * @param time     first dispatch to last result
 */
public record CellOutcome(String row, String column, Facts expected, Facts observed, Throwable thrown, Duration time) {

    /** True when the observed facts are the expected ones. */
    public boolean passed() {
        return thrown == null && expected != null && observed != null && expected.matchedBy(observed);
    }

    /** Why the cell failed, in a few lines; empty when it passed. */
    public String problem() {
        if (passed()) {
            return "";
        }
        if (thrown != null) {
            return "threw " + thrown;
        }
        return "facts differ from the row's:" + expected.differences(observed);
    }
}
