package io.ecslattice.executor.ecs;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.Platform;
import com.google.cloud.tools.jib.event.events.ProgressEvent;
import com.google.cloud.tools.jib.event.progress.ProgressEventHandler;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bakes the user's classpath into a task image with Jib core (no Docker engine needed) and pushes it,
 * unless the registry already holds the image's content-hash tag: then nothing is built or pushed.
 * The answer "registry has it" is remembered under {@code cache_dir}, so a warm dispatch asks nobody.
 */
final class TaskImageBuilder {
    private static final Logger LOG = LoggerFactory.getLogger(TaskImageBuilder.class);
    /**
     * One build per image at a time in this JVM: dispatches started together all need the same image, and two Jib
     * pushes of one manifest race in the registry ("blob unknown to registry", seen in CI with 15 dispatches at once).
     */
    private static final ConcurrentMap<String, Object> BUILDING = new ConcurrentHashMap<>();
    /** Pushes tried before giving up: a second try finds the blobs another process pushed meanwhile and only re-sends the manifest. */
    private static final int PUSH_ATTEMPTS = 2;

    /**
     * The image the task definition names.
     *
     * @param imageUri the ECR URI with the tag, e.g. {@code 1234.dkr.ecr.us-east-1.amazonaws.com/repo:lattice-ab12}
     * @param built    true when this call built and pushed it
     */
    record Image(String imageUri, String tag, boolean built, Duration took) {
    }

    private final EcsSettings settings;
    private final EcrRepository ecr;
    private final RegistryManifests manifests = new RegistryManifests();
    private final JarDigests digests;
    private final ImageMarkers markers;
    private final BaseImages baseImages;

    TaskImageBuilder(EcsSettings settings, EcrRepository ecr) {
        this.settings = settings;
        this.ecr = ecr;
        this.digests = new JarDigests(settings.cacheDir().resolve("ecs-lattice/jar-digests.tsv"));
        this.markers = new ImageMarkers(settings.cacheDir().resolve("ecs-lattice/images"), Clock.systemUTC());
        this.baseImages = new BaseImages(BaseImages.recordIn(settings.cacheDir()), manifests);
    }

    /** The image of the classpath for {@code architecture} (X86_64 or ARM64), built and pushed unless the registry has it. */
    Image ensure(List<Path> classpath, EcrRepository.Info repository, String architecture) {
        long start = System.nanoTime();
        ImageLayout layout = ImageLayout.of(classpath, settings.imageInclude());
        String base = resolvedBase(repository);
        String tag = "lattice-" + layout.contentHash(base, architecture, digests).substring(0, 32);
        digests.save();
        String imageUri = repository.uri() + ":" + tag;
        String pushRegistry = settings.pushRegistry(repository.registry());
        String target = pushRegistry + "/" + repository.repository() + ":" + tag;
        synchronized (BUILDING.computeIfAbsent(target, t -> new Object())) {
            boolean built = ensurePushed(layout, base, target, tag, repository, pushRegistry, architecture);
            return new Image(imageUri, tag, built, Duration.ofNanos(System.nanoTime() - start));
        }
    }

    /** True when this call built and pushed the image, false when the registry (or its marker) already had it. */
    private boolean ensurePushed(ImageLayout layout, String base, String target, String tag, EcrRepository.Info repository,
                                 String pushRegistry, String architecture) {
        if (markers.fresh(target, tag)) {
            LOG.debug("image {} known to be in the registry (marker under {})", target, settings.cacheDir());
            return false;
        }
        boolean override = settings.ecrRegistryOverride().isPresent();
        Optional<EcrRepository.Credentials> credentials = override ? Optional.empty() : Optional.of(ecr.authorizationToken());
        Optional<String> existing = manifests.digest(override ? "http" : "https", pushRegistry, repository.repository(),
                tag, credentials.map(EcrRepository.Credentials::basicHeader).orElse(null));
        boolean built = existing.isEmpty();
        if (built) {
            LOG.info("building task image {} for {} on {} ({} jars, {} resources, {} classes; {} client classpath entries left out)",
                    target, platform(architecture), base, layout.libs().size(), layout.resources().stream().mapToInt(Map::size).sum(),
                    layout.classes().stream().mapToInt(Map::size).sum(), layout.leftOut().size());
            LOG.debug("left out of task image {}: {}", target, layout.leftOut());
            JibContainer container = buildWithRetry(layout, base, target, repository, credentials, architecture);
            LOG.info("pushed task image {}@{}", target, container.getDigest());
        } else {
            LOG.info("task image {} already in the registry ({}); nothing to build", target, existing.get());
        }
        markers.remember(target, tag);
        return built;
    }

    private JibContainer buildWithRetry(ImageLayout layout, String base, String target, EcrRepository.Info repository,
                                        Optional<EcrRepository.Credentials> credentials, String architecture) {
        for (int attempt = 1; ; attempt++) {
            try {
                return build(layout, base, target, repository, credentials, architecture);
            } catch (ImagePushFailed e) {
                if (attempt >= PUSH_ATTEMPTS || platformMissing(e)) {
                    throw e;
                }
                // Another process may be pushing the same image: its blobs are there now, so the retry sends little.
                LOG.warn("push of task image {} failed ({}); trying once more", target, e.getCause().getMessage());
            }
        }
    }

    private JibContainer build(ImageLayout layout, String baseImage, String target, EcrRepository.Info repository,
                               Optional<EcrRepository.Credentials> credentials, String architecture) {
        try {
            RegistryImage base = RegistryImage.named(baseImage);
            RegistryImage to = RegistryImage.named(target);
            if (credentials.isPresent()) {
                to.addCredential(credentials.get().user(), credentials.get().password());
                if (settings.baseImage().startsWith(repository.registry() + "/")) {
                    base.addCredential(credentials.get().user(), credentials.get().password());
                }
            }
            JibContainerBuilder builder = Jib.from(base)
                    .setFileEntriesLayers(layers(layout))
                    .setEntrypoint(layout.entrypoint())
                    .addEnvironmentVariable("LANG", "C.UTF-8")
                    .setPlatforms(Set.of(new Platform(platform(architecture), "linux")));
            AtomicInteger lastDecile = new AtomicInteger(-1);
            Containerizer containerizer = Containerizer.to(to)
                    .setToolName("ecs-lattice")
                    // Only the local cloud's plain-HTTP registry needs this; ECR is always HTTPS.
                    .setAllowInsecureRegistries(settings.ecrRegistryOverride().isPresent())
                    .setBaseImageLayersCache(settings.cacheDir().resolve("ecs-lattice/jib-base"))
                    .setApplicationLayersCache(settings.cacheDir().resolve("ecs-lattice/jib-app"))
                    .addEventHandler(LogEvent.class, this::log)
                    .addEventHandler(ProgressEvent.class, new ProgressEventHandler(update -> {
                        int decile = (int) (update.getProgress() * 10);
                        if (lastDecile.getAndSet(decile) != decile) {
                            LOG.info("building and pushing {}: {}%", target, decile * 10);
                        }
                    }));
            return builder.containerize(containerizer);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while building task image " + target, e);
        } catch (Exception e) {
            throw new ImagePushFailed("cannot build or push task image " + target + " for linux/" + platform(architecture)
                    + " on base_image=" + settings.baseImage() + ": " + e.getMessage()
                    + (platformMissing(e) ? " (cpu_architecture " + architecture
                    + " needs a base image with a linux/" + platform(architecture) + " variant, e.g. a multi-platform index)" : ""), e);
        }
    }

    /** Jib could not build or push the image; the message names the image, platform and base. */
    static final class ImagePushFailed extends IllegalStateException {
        ImagePushFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static boolean platformMissing(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getClass().getSimpleName().equals("PlatformNotFoundInBaseImageException")) {
                return true;
            }
        }
        return false;
    }

    /** The OCI architecture of an ECS cpuArchitecture. */
    static String platform(String architecture) {
        return "ARM64".equals(architecture) ? "arm64" : "amd64";
    }

    /** Dependencies, then each directory's resources, then each directory's classes; empty layers left out. */
    private static List<FileEntriesLayer> layers(ImageLayout layout) {
        List<FileEntriesLayer> layers = new java.util.ArrayList<>(List.of(layer("dependencies", layout.libs())));
        for (int i = 0; i < layout.resources().size(); i++) {
            layers.add(layer("resources-" + i, layout.resources().get(i)));
        }
        for (int i = 0; i < layout.classes().size(); i++) {
            layers.add(layer("classes-" + i, layout.classes().get(i)));
        }
        return layers.stream().filter(l -> !l.getEntries().isEmpty()).toList();
    }

    private static FileEntriesLayer layer(String name, Map<Path, String> files) {
        FileEntriesLayer.Builder layer = FileEntriesLayer.builder().setName(name);
        files.forEach((file, target) -> layer.addEntry(file, AbsoluteUnixPath.get(target)));
        return layer.build();
    }

    private void log(LogEvent event) {
        switch (event.getLevel()) {
            case ERROR -> LOG.error("jib: {}", event.getMessage());
            // With the local cloud's plain-HTTP registry, Jib warns on every build that it fell back from HTTPS.
            case WARN -> {
                if (settings.ecrRegistryOverride().isPresent()) {
                    LOG.debug("jib: {}", event.getMessage());
                } else {
                    LOG.warn("jib: {}", event.getMessage());
                }
            }
            case LIFECYCLE, PROGRESS, INFO -> LOG.debug("jib: {}", event.getMessage());
            default -> LOG.trace("jib: {}", event.getMessage());
        }
    }

    /**
     * The base image by digest: as recorded under cache_dir, else resolved (a tag) or checked (a pinned digest) through
     * the registry API now, before anything is built or any task started, and recorded.
     */
    private String resolvedBase(EcrRepository.Info repository) {
        String reference = settings.baseImage();
        return baseImages.recorded(reference).orElseGet(() -> {
            String registry = BaseImages.Reference.parse(reference).registry();
            boolean local = registry.equals(settings.ecrRegistryOverride().orElse(null)) || registry.startsWith("127.")
                    || registry.startsWith("localhost");
            String authorization = !local && registry.equals(repository.registry()) ? ecr.authorizationToken().basicHeader() : null;
            String resolved = baseImages.resolve(reference, local, authorization);
            LOG.info("base_image {} is {} (recorded in {})", reference, resolved, BaseImages.recordIn(settings.cacheDir()));
            return resolved;
        });
    }

    /** A task could not pull this tag: the registry no longer has it, whatever the marker said. */
    void forget(String tag) {
        markers.forget(tag);
    }
}
