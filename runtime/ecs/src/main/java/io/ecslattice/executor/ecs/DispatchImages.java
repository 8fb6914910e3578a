package io.ecslattice.executor.ecs;

import io.ecslattice.executor.TaskContext;
import io.ecslattice.executor.TaskResources;
import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each dispatch's task image and task definition, shared by both modes (one image and one task definition serve
 * task and pool mode): built or found once per dispatch on the AWS threads, one task definition per distinct
 * content, and an image of another CPU architecture only for an electron that asks for one.
 */
final class DispatchImages {
    private static final Logger LOG = LoggerFactory.getLogger(DispatchImages.class);

    private final EcsSettings settings;
    private final EcrRepository ecr;
    private final EcsTasks ecs;
    private final TaskImageBuilder images;
    private final ElectronResources resources;
    private final ExecutorService threads;
    private final Map<String, CompletableFuture<String>> preparedByDispatch = new ConcurrentHashMap<>();
    private final Map<TaskDefinitionSpec, String> taskDefinitions = new ConcurrentHashMap<>();
    private final Map<String, TaskImageBuilder.Image> imagesByDispatch = new ConcurrentHashMap<>();
    /** The classpath each prepared dispatch bakes in, for its images of other CPU architectures. */
    private final Map<String, List<Path>> classpaths = new ConcurrentHashMap<>();
    /** Images of a dispatch's code for another architecture than the executor's, by dispatch id and architecture. */
    private final Map<String, TaskImageBuilder.Image> otherArchitectureImages = new ConcurrentHashMap<>();
    private volatile EcrRepository.Info repository;

    DispatchImages(EcsSettings settings, EcrRepository ecr, EcsTasks ecs, ElectronResources resources, ExecutorService threads) {
        this.settings = settings;
        this.ecr = ecr;
        this.ecs = ecs;
        this.images = new TaskImageBuilder(settings, ecr);
        this.resources = resources;
        this.threads = threads;
    }

    /** The dispatch's task definition at the executor's size, its image built or found on first use. */
    CompletableFuture<String> taskDefinition(TaskContext context) {
        return preparedByDispatch.computeIfAbsent(context.dispatchId(), id -> CompletableFuture.supplyAsync(() -> {
            EcrRepository.Info repo = repository();
            List<Path> classpath = context.classpath().isEmpty() ? javaClassPath() : context.classpath();
            classpaths.put(id, classpath);
            TaskImageBuilder.Image image = images.ensure(classpath, repo, settings.cpuArchitecture());
            imagesByDispatch.put(id, image);
            TaskDefinitionSpec spec = new TaskDefinitionSpec(settings.ecsTaskFamilyName(), image.imageUri(), settings.size(),
                    repo.roleArn(settings.ecsTaskExecutionRoleName()), repo.roleArn(settings.ecsTaskRoleName()),
                    settings.ecsTaskLogGroupName(), settings.region(), settings.cpuArchitecture(), ContainerEnvironment.of(settings));
            String arn = taskDefinitions.computeIfAbsent(spec, ecs::ensureTaskDefinition);
            LOG.info("dispatch {}: image {} ({}), task definition {}", id, image.imageUri(),
                    image.built() ? "built in " + image.took().toMillis() + " ms" : "unchanged", arn);
            return arn;
        }, threads));
    }

    /**
     * The dispatch's task definition resized to the electron's resources, with its environment and secrets over the
     * executor's (one per distinct content, as always).
     */
    CompletableFuture<String> taskDefinition(TaskContext context, TaskResources electron) {
        if (!electron.changesShape() && !electron.hasEnvironment()) {
            return taskDefinition(context);
        }
        return taskDefinition(context).thenApplyAsync(defaultArn -> {
            EcrRepository.Info repo = repository();
            // An image runs on the platform it was built for: an electron of another architecture gets its own image.
            String architecture = resources.architecture(electron);
            String imageUri = architecture.equals(settings.cpuArchitecture()) ? imagesByDispatch.get(context.dispatchId()).imageUri()
                    : otherArchitectureImages.computeIfAbsent(context.dispatchId() + "/" + architecture,
                            k -> images.ensure(classpaths.get(context.dispatchId()), repo, architecture)).imageUri();
            TaskDefinitionSpec spec = new TaskDefinitionSpec(settings.ecsTaskFamilyName(),
                    imageUri, FargateSize.of(resources.cpu(electron), resources.memory(electron)),
                    repo.roleArn(settings.ecsTaskExecutionRoleName()), repo.roleArn(settings.ecsTaskRoleName()),
                    settings.ecsTaskLogGroupName(), settings.region(), architecture, ContainerEnvironment.of(settings).over(electron));
            return taskDefinitions.computeIfAbsent(spec, ecs::ensureTaskDefinition);
        }, threads);
    }

    /** The image a prepared dispatch runs on, and whether preparing it built and pushed it. */
    Optional<TaskImageBuilder.Image> image(String dispatchId) {
        return Optional.ofNullable(imagesByDispatch.get(dispatchId));
    }

    /** The task definition a prepared dispatch runs on. */
    Optional<String> taskDefinitionArn(String dispatchId) {
        return Optional.ofNullable(preparedByDispatch.get(dispatchId)).map(CompletableFuture::join);
    }

    /** A task could not pull the image of this tag: the registry lost it (lifecycle rule, destroy + deploy), forget it. */
    void forgetUnpullable(String tag) {
        images.forget(tag);
    }

    private EcrRepository.Info repository() {
        if (repository == null) {
            repository = ecr.describe(settings.ecrRepoName());
        }
        return repository;
    }

    private static List<Path> javaClassPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(s -> !s.isBlank()).map(Path::of).toList();
    }
}
