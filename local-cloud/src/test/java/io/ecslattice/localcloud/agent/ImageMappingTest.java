package io.ecslattice.localcloud.agent;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** ECR URIs go to the local registry with repository and tag or digest kept; other images stay. */
class ImageMappingTest {
    private final ImageMapping mapping = new ImageMapping("127.0.0.1:5000");

    @Test
    void ecrUriMapsToTheLocalRegistry() {
        assertEquals("127.0.0.1:5000/repo:tag",
                mapping.localReference("123456789012.dkr.ecr.us-east-1.amazonaws.com/repo:tag"));
        assertEquals("127.0.0.1:5000/team/repo@sha256:abc",
                mapping.localReference("123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/repo@sha256:abc"));
    }

    @Test
    void otherImagesAreLeftAlone() {
        assertEquals("127.0.0.1:5000/repo:tag", mapping.localReference("127.0.0.1:5000/repo:tag"));
        assertEquals("eclipse-temurin:17-jre", mapping.localReference("eclipse-temurin:17-jre"));
    }

    @Test
    void referencesSplitIntoRepositoryAndTagOrDigest() {
        assertEquals(new ContainerRuntime.ImageReference("127.0.0.1:5000/repo", "tag"),
                ContainerRuntime.ImageReference.parse("127.0.0.1:5000/repo:tag"));
        assertEquals(new ContainerRuntime.ImageReference("127.0.0.1:5000/repo", "latest"),
                ContainerRuntime.ImageReference.parse("127.0.0.1:5000/repo"));
        assertEquals(new ContainerRuntime.ImageReference("127.0.0.1:5000/repo", "sha256:abc"),
                ContainerRuntime.ImageReference.parse("127.0.0.1:5000/repo@sha256:abc"));
    }
}
