package io.ecslattice.executor.ecs;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecslattice.taskrunner.S3Location;
import io.ecslattice.wire.FileRef;
import io.ecslattice.wire.Keys;
import io.ecslattice.wire.TaskSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where an attempt's objects live in the bucket, and the spec as both modes send it: its result at that place and
 * its local file arguments uploaded, each file once per executor while it is unchanged.
 */
final class SpecStaging {
    private final String bucket;
    private final S3Objects s3;
    private final Map<String, FileRef> uploadedFiles = new ConcurrentHashMap<>();

    SpecStaging(String bucket, S3Objects s3) {
        this.bucket = bucket;
        this.s3 = s3;
    }

    /** Where an attempt's objects (spec, result, files, pool claim and cancel marker) live; node ids escaped ({@link Keys}). */
    static String objectPrefix(TaskSpec spec) {
        return Keys.key("ecs-lattice", spec.dispatchId(), spec.nodeId(), spec.attempt()) + "/";
    }

    /** The attempt's object called {@code name}, e.g. {@code result.json}. */
    S3Location object(TaskSpec spec, String name) {
        return new S3Location(bucket, objectPrefix(spec) + name);
    }

    /** Where the attempt's task writes its result. */
    S3Location resultAt(TaskSpec spec) {
        return object(spec, "result.json");
    }

    /**
     * The spec as sent: its result at {@link #resultAt}, its local files uploaded. Call it on the AWS threads, never the
     * dispatcher's: uploading takes as long as the files do.
     */
    TaskSpec staged(TaskSpec spec) {
        return new TaskSpec(spec.wireVersion(), spec.dispatchId(), spec.nodeId(), spec.attempt(), spec.className(),
                spec.methodName(), spec.parameterTypes(), uploadLocalFiles(spec), resultAt(spec).toString());
    }

    /**
     * The spec's arguments with every local file ({@link FileRef} {@code file://}) uploaded to the bucket, so
     * the container can download it.
     */
    private List<JsonNode> uploadLocalFiles(TaskSpec spec) {
        List<JsonNode> arguments = new ArrayList<>();
        for (JsonNode argument : spec.arguments()) {
            try {
                arguments.add(FileRef.rewrite(argument, ref -> ref.isLocal() ? uploaded(ref, spec) : ref));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot upload a file argument of node " + spec.nodeId() + ": " + e.getMessage(), e);
            }
        }
        return arguments;
    }

    private FileRef uploaded(FileRef ref, TaskSpec spec) throws IOException {
        Path file = ref.path();
        if (!Files.exists(file)) {
            throw new IOException("file " + file + " does not exist");
        }
        String identity = ref.uri() + "\n" + Files.size(file) + "\n" + Files.getLastModifiedTime(file);
        return uploadedFiles.computeIfAbsent(identity, key -> {
            String prefix = Keys.key("ecs-lattice", spec.dispatchId(), "files", Hashes.sha256Hex(key).substring(0, 16)) + "/";
            return FileRef.s3(bucket, s3.putTree(file, bucket, prefix));
        });
    }
}
