package io.ecslattice.architecture;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A user's project that depends on runtime-core alone and runs only locally gets no AWS SDK jar: the task runner's
 * AWS code (S3 storage, SQS work source) lives in task-image, which only runtime-ecs brings. Read from the
 * {@code mvn dependency:list} of this module's runtime scope that the build writes into
 * {@code META-INF/ecs-lattice/api-closure.txt} (runtime-parent's pom), i.e. what Maven resolves for a dependent.
 */
class LocalOnlyClasspathTest {

    private static final String LISTING = "META-INF/ecs-lattice/api-closure.txt";

    @Test
    void runtimeCoreBringsNoAwsSdkJar() throws IOException {
        List<String> jars = runtimeDependencies();
        assertTrue(jars.stream().anyMatch(line -> line.startsWith("io.ecslattice:task-runner:")),
                "the listing should name task-runner (is it the real dependency list?): " + jars);
        List<String> aws = jars.stream().filter(line -> line.startsWith("software.amazon.")).toList();
        assertTrue(aws.isEmpty(), "runtime-core's runtime classpath holds " + aws.size() + " AWS jar(s) of "
                + jars.size() + " dependencies; a local-only project must get none. AWS code of the task runner belongs "
                + "in task-image (reached through the service loader), not in task-runner or runtime-core: " + aws);
        assertFalse(jars.stream().anyMatch(line -> line.startsWith("io.ecslattice:task-image:")),
                "runtime-core must not depend on task-image (it carries the S3 and SQS clients): " + jars);
    }

    /** {@code group:artifact:type:version:scope} per runtime dependency, as {@code mvn dependency:list} printed them. */
    private static List<String> runtimeDependencies() throws IOException {
        try (InputStream in = LocalOnlyClasspathTest.class.getClassLoader().getResourceAsStream(LISTING)) {
            assertNotNull(in, LISTING + " is missing from runtime-core's classes: build the module with Maven "
                    + "(its generate-resources phase runs dependency:list)");
            return Arrays.stream(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n"))
                    .map(String::strip).filter(line -> line.split(":").length >= 5).toList();
        }
    }
}
