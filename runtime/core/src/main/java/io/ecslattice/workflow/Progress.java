package io.ecslattice.workflow;

/**
 * How many nodes of a dispatch are in each state.
 *
 * @param total     all nodes
 * @param waiting   not started yet
 * @param running   running now
 * @param completed finished with a value
 * @param failed    failed
 * @param cancelled stopped, or never run because of a cancel or a failure upstream
 */
public record Progress(int total, int waiting, int running, int completed, int failed, int cancelled) {

    @Override
    public String toString() {
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
