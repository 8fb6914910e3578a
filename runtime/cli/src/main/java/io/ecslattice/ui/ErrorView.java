package io.ecslattice.ui;

import java.util.Objects;

/**
 * An error as the pages show it.
 *
 * @param nodeId     the node that failed; null for an error of the dispatch itself
 * @param type       exception class or executor stop code
 * @param message    what happened
 * @param stackTrace the full stack trace; empty when there is none
 */
public record ErrorView(String nodeId, String type, String message, String stackTrace) {
    public ErrorView {
        Objects.requireNonNull(type, "type");
        message = message == null ? "" : message;
        stackTrace = stackTrace == null ? "" : stackTrace;
    }
}
