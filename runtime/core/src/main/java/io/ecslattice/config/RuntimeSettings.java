package io.ecslattice.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The runtime's own settings ({@code [runtime]} in the config file): where results live, the lease that
 * guards a dispatch, the default executor.
 */
public final class RuntimeSettings {

    /** Directory for the results store and the local executor's task files. */
    public static final Setting<Path> DATA_DIR = Setting.of("data_dir", SettingType.PATH, defaultDataDir(System.getenv()),
            "where the results store and local task files live").fromEnv("ECS_LATTICE_DATA_DIR");

    /** The SQLite results store; unset means {@code <data_dir>/results.db}. */
    public static final Setting<Path> RESULTS_DB = Setting.of("results_db", SettingType.PATH, null,
            "the SQLite results store (default <data_dir>/results.db)").fromEnv("ECS_LATTICE_DB");

    /** How long a dispatch's driver may be silent before another process takes the dispatch over. */
    public static final Setting<Integer> LEASE_SECONDS = Setting.of("lease_seconds", SettingType.INTEGER, 30,
            "seconds a silent driving process keeps its dispatch before another process may take over")
            .checkedBy(Check.positiveInteger()).fromEnv("ECS_LATTICE_LEASE_SECONDS");

    /** The executor of electrons that name none. */
    public static final Setting<String> DEFAULT_EXECUTOR = Setting.of("default_executor", SettingType.STRING, "local",
            "the executor of electrons that name none").fromEnv("ECS_LATTICE_EXECUTOR");

    /** The table of the runtime's settings. */
    public static final SettingsTable TABLE = new SettingsTable("[runtime]",
            List.of(DATA_DIR, RESULTS_DB, LEASE_SECONDS, DEFAULT_EXECUTOR));

    private RuntimeSettings() {
    }

    /** Resolves the runtime settings from the environment and the config file. */
    public static ResolvedSettings resolve() {
        return resolve(Map.of(), System.getenv(), ConfigFile.load());
    }

    /** Resolves from builder values, environment {@code env} and {@code file}, in that precedence. */
    public static ResolvedSettings resolve(Map<String, Object> builder, Map<String, String> env, ConfigFile file) {
        List<SettingsLayer> layers = new ArrayList<>();
        layers.add(SettingsLayer.builder(builder));
        layers.add(SettingsLayer.environment(TABLE, env));
        layers.add(file.layer("runtime"));
        return ConfigResolver.resolve(TABLE, layers);
    }

    /** The results store path of {@code settings}. */
    public static Path resultsDb(ResolvedSettings settings) {
        Path db = settings.get(RESULTS_DB);
        return db != null ? db : settings.get(DATA_DIR).resolve("results.db");
    }

    private static Path defaultDataDir(Map<String, String> env) {
        String xdg = env.get("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("ecs-lattice");
    }
}
