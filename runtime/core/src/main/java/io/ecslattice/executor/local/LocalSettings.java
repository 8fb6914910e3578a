package io.ecslattice.executor.local;

import io.ecslattice.config.Check;
import io.ecslattice.config.Setting;
import io.ecslattice.config.SettingType;
import io.ecslattice.config.SettingsTable;
import java.nio.file.Path;
import java.util.List;

/** The settings of executor type {@code local} ({@code [executors.local]}). */
public final class LocalSettings {

    /** How many electrons run at once. */
    public static final Setting<Integer> MAX_IN_FLIGHT = Setting.of("max_in_flight", SettingType.INTEGER,
            Math.max(2, Runtime.getRuntime().availableProcessors()), "electrons running at once")
            .checkedBy(Check.positiveInteger());

    /** {@code process}: in child JVMs (see {@link #ISOLATION}), as on ECS; {@code in_process}: in this JVM, for fast tests. */
    public static final Setting<String> MODE = Setting.of("mode", SettingType.oneOf("process", "in_process"), "process",
            "process: child JVMs (same wire format as ECS; see isolation); in_process: in this JVM");

    /** The java launcher of child JVMs. */
    public static final Setting<Path> JAVA = Setting.of("java", SettingType.PATH,
            Path.of(System.getProperty("java.home"), "bin", "java"), "the java launcher of child JVMs");

    /** Options of child JVMs; the defaults trade peak speed for a fast start, which short electrons need. */
    public static final Setting<List<String>> JVM_OPTIONS = Setting.of("jvm_options", SettingType.STRING_LIST,
            List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto", "-XX:-UsePerfData"),
            "options of child JVMs (a TOML array or comma-separated)");

    /** Where task files (spec, result, output) go; unset means {@code <data_dir>/tasks}. */
    public static final Setting<Path> WORK_DIR = Setting.of("work_dir", SettingType.PATH, null,
            "task files: spec, result, output (default <data_dir>/tasks)");

    /** {@code pool}: warm child JVMs each run many electrons; {@code jvm_per_task}: a fresh JVM per electron. */
    public static final Setting<String> ISOLATION = Setting.of("isolation", SettingType.oneOf("pool", "jvm_per_task"), "pool",
            "process mode: pool runs many electrons per warm child JVM (static state is shared); jvm_per_task a fresh JVM each");

    /** How long a pool's child JVM waits without work before it exits. */
    public static final Setting<Integer> POOL_IDLE_SECONDS = Setting.of("pool_idle_seconds", SettingType.INTEGER, 60,
            "seconds a pool's child JVM waits without work before it exits")
            .checkedBy(value -> value >= 0 ? null : "must be 0 or more");

    /** How many electrons one pool JVM runs at once. */
    public static final Setting<Integer> WORKER_CONCURRENCY = Setting.of("worker_concurrency", SettingType.INTEGER, 1,
            "electrons one pool JVM runs at once (each on its own thread, output captured apart)")
            .checkedBy(Check.positiveInteger());

    /** Keeps one JVM started ahead, waiting for its task, so the next electron skips the JVM's start-up. */
    public static final Setting<Boolean> STANDBY_JVM = Setting.of("standby_jvm", SettingType.BOOLEAN, true,
            "jvm_per_task: keep one child JVM started ahead so the next electron skips JVM start-up (it exits with this process)");

    /** The table of the local executor's settings. */
    public static final SettingsTable TABLE = new SettingsTable("executor type local",
            List.of(MAX_IN_FLIGHT, MODE, ISOLATION, POOL_IDLE_SECONDS, WORKER_CONCURRENCY, JAVA, JVM_OPTIONS, WORK_DIR, STANDBY_JVM));

    private LocalSettings() {
    }
}
