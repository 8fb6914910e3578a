package io.ecslattice.executor.ecs;

import java.util.Objects;

/**
 * A setting's raw value and where it came from, for error messages and {@code config show}.
 *
 * @param text   the value as text (lists comma-joined)
 * @param source e.g. {@code builder}, {@code config file ~/.config/ecs-lattice/config.toml [executors.ecs]},
 *               {@code stack EcsLatticeStack outputs (cdk-outputs.json)}, {@code default}
 */
public record SourcedValue(String text, String source) {
    public SourcedValue {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(source, "source");
    }
}
