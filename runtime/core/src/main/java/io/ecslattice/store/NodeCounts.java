package io.ecslattice.store;

/** How many nodes of a dispatch are in each state; {@code waiting} counts NEW and PENDING. */
public record NodeCounts(int total, int waiting, int running, int completed, int failed, int cancelled) {

    /** "3/20 done, 2 running, 1 failed" style text for tables. */
    public String progress() {
        StringBuilder text = new StringBuilder(completed + "/" + total + " done");
        if (running > 0) {
            text.append(", ").append(running).append(" running");
        }
        if (failed > 0) {
            text.append(", ").append(failed).append(" failed");
        }
        if (cancelled > 0) {
            text.append(", ").append(cancelled).append(" cancelled");
        }
        return text.toString();
    }
}
