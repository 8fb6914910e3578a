package io.ecslattice.bench;

import io.ecslattice.wire.TaskResult;
import io.ecslattice.wire.TaskSpec;
import io.ecslattice.wire.Wire;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.s3.S3Client;

/** Electrons that misbehave the ways real tasks do, for the reliability drills. They run in real containers. */
public final class DrillElectrons {

    private DrillElectrons() {
    }

    /** A well-behaved leaf. */
    public static int leaf(int index) {
        return index;
    }

    /** A leaf that works for {@code seconds} before answering, so a client can die while it runs. */
    public static int slowLeaf(int index, int seconds) throws InterruptedException {
        System.out.println("drill: slow leaf " + index + " working for " + seconds + " s");
        Thread.sleep(seconds * 1000L);
        return index;
    }

    /**
     * A leaf that counts its runs apart from any results store and finishes when a drill says: each run first
     * writes an object of its own under {@code runsPrefix} ({@code s3://bucket/prefix/}), keyed
     * {@code <index>/<random id>}, then waits (two minutes at most) for the object {@code <runsPrefix>go-even}
     * or {@code <runsPrefix>go-odd}, by its index.
     */
    public static int gatedLeaf(String runsPrefix, int index) throws InterruptedException {
        URI prefix = URI.create(runsPrefix);
        String key = prefix.getPath().substring(1);
        String gate = key + (index % 2 == 0 ? "go-even" : "go-odd");
        try (S3Client s3 = S3Client.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).build()) {
            s3.putObject(b -> b.bucket(prefix.getHost()).key(key + index + "/" + java.util.UUID.randomUUID()), RequestBody.empty());
            System.out.println("drill: leaf " + index + " waits for " + gate);
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(2);
            while (System.nanoTime() < deadline && s3.listObjectsV2(b -> b.bucket(prefix.getHost()).prefix(gate)).keyCount() == 0) {
                Thread.sleep(500);
            }
        }
        return index;
    }

    /** The reducer. */
    public static List<Integer> gather(List<Integer> values) {
        return values;
    }

    /** A dependent of a node that fails: must never run. */
    public static int dependent(int upstream) {
        return upstream + 1;
    }

    /** Prints, then waits to be killed from outside (SIGKILL, exit 137). */
    public static int waitToBeKilled(int index) throws InterruptedException {
        System.out.println("drill: task " + index + " is up and waiting to be killed");
        System.out.flush();
        Thread.sleep(300_000);
        return index;
    }

    /** Prints, then ends the JVM with exit code 3 before the task runner can write a result. */
    public static int exitWithoutResult(int index) {
        System.out.println("drill: task " + index + " exits with 3 and writes no result");
        System.out.flush();
        Runtime.getRuntime().halt(3);
        return index;
    }

    /** Writes a result object that is not JSON in place of the runner's, then ends the JVM with 0. */
    public static int writeGarbageResult(int index) throws Exception {
        putResult("this is not a task result {".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Runtime.getRuntime().halt(0);
        return index;
    }

    /** Writes a well-formed result of a wire version this client does not read, then ends the JVM with 0. */
    public static int writeFutureWireVersion(int index) throws Exception {
        TaskSpec spec = ownSpec();
        TaskResult future = new TaskResult(Wire.VERSION + 98, spec.dispatchId(), spec.nodeId(),
                Wire.mapper().valueToTree(index), null, "", "", Instant.now(), Instant.now());
        putResult(Wire.mapper().writeValueAsBytes(future));
        Runtime.getRuntime().halt(0);
        return index;
    }

    private static TaskSpec ownSpec() throws Exception {
        String inline = System.getenv(Wire.ENV_SPEC);
        if (inline == null) {
            throw new IllegalStateException("drill electrons expect their spec inline in " + Wire.ENV_SPEC);
        }
        return Wire.mapper().readValue(inline, TaskSpec.class);
    }

    private static void putResult(byte[] body) throws Exception {
        URI uri = URI.create(ownSpec().resultUri());
        try (S3Client s3 = S3Client.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).build()) {
            s3.putObject(b -> b.bucket(uri.getHost()).key(uri.getPath().substring(1)), RequestBody.fromBytes(body));
        }
    }
}
