package io.ecslattice.ui;

import java.util.Objects;

/**
 * Data flowing from one node's output into another node's input.
 *
 * @param from  the producing node
 * @param to    the consuming node
 * @param label what the consumer receives it as (a parameter name or position); may be null
 */
public record EdgeView(String from, String to, String label) {
    public EdgeView {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }
}
