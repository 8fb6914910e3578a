package io.ecslattice.executor.ecs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "The registry has this tag", remembered under {@code cache_dir} so a warm dispatch asks nobody. The registry
 * can lose an image behind the marker's back (the ECR lifecycle rule, or {@code make destroy} + {@code make
 * deploy}), so a marker is trusted only for {@link #TRUST}, after which the registry is asked again (one HEAD,
 * milliseconds), and is dropped at once when a task of that image fails with CannotPullContainerError.
 */
final class ImageMarkers {
    /** How long a marker is believed without asking the registry. */
    static final Duration TRUST = Duration.ofMinutes(10);
    private static final Logger LOG = LoggerFactory.getLogger(ImageMarkers.class);
    private final Path directory;
    private final Clock clock;

    ImageMarkers(Path directory, Clock clock) {
        this.directory = directory;
        this.clock = clock;
    }

    /** Whether the registry was seen holding this tag at {@code target} within {@link #TRUST}. */
    boolean fresh(String target, String tag) {
        Path marker = marker(target, tag);
        try {
            return Files.exists(marker)
                    && Files.getLastModifiedTime(marker).toInstant().isAfter(clock.instant().minus(TRUST));
        } catch (IOException e) {
            return false;
        }
    }

    /** Notes that the registry holds this tag now. */
    void remember(String target, String tag) {
        Path marker = marker(target, tag);
        try {
            Files.createDirectories(directory);
            Files.writeString(marker, target + "\n", StandardCharsets.UTF_8);
            Files.setLastModifiedTime(marker, FileTime.from(clock.instant()));
        } catch (IOException e) {
            LOG.warn("cannot remember image {} in {}: {}", target, marker, e.getMessage());
        }
    }

    /** Drops every marker of this tag: a task could not pull it, so the next dispatch asks the registry. */
    void forget(String tag) {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (DirectoryStream<Path> markers = Files.newDirectoryStream(directory, "*-" + tag)) {
            for (Path marker : markers) {
                Files.deleteIfExists(marker);
                LOG.info("image tag {} could not be pulled: forgot {}, the next dispatch checks the registry", tag, marker);
            }
        } catch (IOException e) {
            LOG.warn("cannot forget image tag {} in {}: {}", tag, directory, e.getMessage());
        }
    }

    private Path marker(String target, String tag) {
        return directory.resolve(Integer.toHexString(target.hashCode()) + "-" + tag);
    }

    /** The image tag a stopped task's container names, e.g. {@code lattice-ab12} of {@code repo:lattice-ab12}. */
    static String tagOf(String imageReference) {
        int colon = imageReference.lastIndexOf(':');
        return colon < 0 || imageReference.indexOf('/', colon) >= 0 ? "" : imageReference.substring(colon + 1);
    }
}
