package io.ecslattice.executor.ecs;

import io.ecslattice.config.ConfigFile;
import io.ecslattice.config.ConfigSource;
import io.ecslattice.config.ResolvedSettings;
import io.ecslattice.executor.Executor;
import io.ecslattice.executor.ExecutorFactory;
import io.ecslattice.executor.PoolAdmin;
import java.util.Map;
import java.util.Optional;

/** Creates {@code type = "ecs"} executors from config file sections; found with ServiceLoader. */
public final class EcsExecutorFactory implements ExecutorFactory {
    @Override
    public String type() {
        return "ecs";
    }

    @Override
    public Executor create(String name, Map<String, Object> section) {
        return builder(name, section).build();
    }

    /** The settings with their sources; reads the stack outputs as creating the executor would. */
    @Override
    public Optional<ResolvedSettings> settings(String name, Map<String, Object> section) {
        return Optional.of(builder(name, section).resolveSettings().resolved());
    }

    /** The base image's digest as the first build recorded it under cache_dir, or that none did yet. */
    @Override
    public java.util.List<String> facts(String name, Map<String, Object> section) {
        ResolvedSettings settings = builder(name, section).resolveSettings().resolved();
        String base = settings.get(EcsSettingsTable.BASE_IMAGE);
        java.nio.file.Path record = BaseImages.recordIn(settings.get(EcsSettingsTable.CACHE_DIR));
        return java.util.List.of("base_image digest: " + new BaseImages(record, null).recorded(base)
                .map(digest -> digest + "  (recorded in " + record + ")")
                .orElse("(not resolved yet: the first build resolves " + base + " and records it in " + record + ")"));
    }

    /**
     * The pool queues of the executor's stack ({@code ecs-lattice pool}), with AWS clients of their own: no executor is
     * built, so no image, thread or poller is made for a look at the queues.
     */
    @Override
    public Optional<PoolAdmin> poolAdmin(String name, Map<String, Object> section) {
        EcsSettings settings = builder(name, section).resolveSettings();
        AwsClients clients = AwsClients.forSettings(settings, AwsCallCounter.create());
        return Optional.of(new Pools(new SqsQueues(clients.sqs()), settings.stackName(), clients::close));
    }

    private static EcsExecutorBuilder builder(String name, Map<String, Object> section) {
        return EcsExecutor.builder().name(name).configSection(section,
                ConfigSource.configFile(ConfigFile.defaultPath(System.getenv()).toString(), "executors." + name));
    }
}
