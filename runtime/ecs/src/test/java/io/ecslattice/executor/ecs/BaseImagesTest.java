package io.ecslattice.executor.ecs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Image references taken apart as the registry API needs them, for resolving and checking the base image. */
class BaseImagesTest {
    @Test
    void referencesNameRegistryRepositoryTagAndDigest() {
        assertEquals(new BaseImages.Reference("public.ecr.aws", "docker/library/eclipse-temurin", "17-jre", null),
                BaseImages.Reference.parse("public.ecr.aws/docker/library/eclipse-temurin:17-jre"));
        assertEquals(new BaseImages.Reference("127.0.0.1:5000", "ecs-lattice-base", "latest", "sha256:ab"),
                BaseImages.Reference.parse("127.0.0.1:5000/ecs-lattice-base@sha256:ab"));
        assertEquals(new BaseImages.Reference("registry-1.docker.io", "library/eclipse-temurin", "17-jre", null),
                BaseImages.Reference.parse("eclipse-temurin:17-jre"));
        assertEquals(new BaseImages.Reference("localhost:5000", "team/jre", "17", "sha256:cd"),
                BaseImages.Reference.parse("localhost:5000/team/jre:17@sha256:cd"));
    }
}
