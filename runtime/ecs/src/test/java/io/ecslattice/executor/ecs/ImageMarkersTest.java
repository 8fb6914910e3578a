package io.ecslattice.executor.ecs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The "registry has this tag" marker is never trusted forever: the registry can lose the image behind it. */
class ImageMarkersTest {
    private static final String TARGET = "123.dkr.ecr.us-east-1.amazonaws.com/repo:lattice-ab12";
    private static final Instant PUSHED = Instant.parse("2026-12-01T10:00:00Z");

    @TempDir
    Path cache;

    @Test
    void markerIsTrustedForTenMinutesThenTheRegistryIsAskedAgain() {
        new ImageMarkers(cache, Clock.fixed(PUSHED, ZoneOffset.UTC)).remember(TARGET, "lattice-ab12");
        assertTrue(markersAt(PUSHED.plus(Duration.ofMinutes(9))).fresh(TARGET, "lattice-ab12"));
        assertFalse(markersAt(PUSHED.plus(Duration.ofMinutes(11))).fresh(TARGET, "lattice-ab12"),
                "after destroy + deploy or the lifecycle rule, an old marker must not hide the missing image");
    }

    @Test
    void aTaskThatCouldNotPullTheImageDropsItsMarkerAtOnce() {
        ImageMarkers markers = markersAt(PUSHED);
        markers.remember(TARGET, "lattice-ab12");
        markers.remember(TARGET.replace("ab12", "cd34"), "lattice-cd34");
        markers.forget(ImageMarkers.tagOf(TARGET));
        assertFalse(markers.fresh(TARGET, "lattice-ab12"));
        assertTrue(markers.fresh(TARGET.replace("ab12", "cd34"), "lattice-cd34"), "other images keep theirs");
    }

    @Test
    void tagIsReadFromAnImageReferenceWithARegistryPort() {
        assertEquals("lattice-ab12", ImageMarkers.tagOf("127.0.0.1:5000/repo:lattice-ab12"));
        assertEquals("", ImageMarkers.tagOf("127.0.0.1:5000/repo"));
    }

    private ImageMarkers markersAt(Instant now) {
        return new ImageMarkers(cache, Clock.fixed(now, ZoneOffset.UTC));
    }
}
