package io.ecslattice.taskrunner;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecslattice.wire.FileRef;
import io.ecslattice.wire.Keys;
import io.ecslattice.wire.TaskResult;
import io.ecslattice.wire.TaskSpec;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Moves the files behind {@link FileRef}s around one electron, streaming (never through memory or JSON):
 * before it runs, every {@code s3} reference among its arguments is downloaded into a local directory and
 * the argument points there; after it returns, when its result goes to S3 (an ECS task), every local file
 * or directory its value references is uploaded next to the result and the value points there. One instance
 * per electron: each has its own download directory, so electrons running at once in a worker never clash.
 * The objects are moved by the {@link TaskStorage} of their URI's scheme (S3's comes from task-image).
 */
final class FileTransfer {

    private Path downloads;

    /** {@code spec} with its {@code s3} file arguments downloaded and referenced locally. */
    TaskSpec downloadInputs(TaskSpec spec) throws IOException {
        List<JsonNode> arguments = new ArrayList<>();
        int[] count = {0};
        for (JsonNode argument : spec.arguments()) {
            arguments.add(FileRef.rewrite(argument, ref -> ref.isLocal() ? ref
                    : download(ref, downloads(spec).resolve(Integer.toString(count[0]++)))));
        }
        return new TaskSpec(spec.wireVersion(), spec.dispatchId(), spec.nodeId(), spec.attempt(), spec.className(),
                spec.methodName(), spec.parameterTypes(), arguments, spec.resultUri());
    }

    /** {@code result} with the local files its value references uploaded beside {@code resultUri}, when that is in S3. */
    TaskResult uploadOutputs(TaskResult result, String resultUri) throws IOException {
        if (!S3Location.isS3(resultUri) || result.value() == null) {
            return result;
        }
        S3Location at = S3Location.parse(resultUri);
        String base = at.key().substring(0, at.key().lastIndexOf('/') + 1) + "files/";
        int[] count = {0};
        JsonNode value = FileRef.rewrite(result.value(), ref -> ref.isLocal()
                ? upload(ref, at.bucket(), base + (count[0]++) + "/") : ref);
        return new TaskResult(result.wireVersion(), result.dispatchId(), result.nodeId(), value, result.error(), result.stdout(),
                result.stderr(), result.startedAt(), result.endedAt());
    }

    private FileRef download(FileRef ref, Path into) throws IOException {
        if (ref.uri().endsWith("/")) {
            Path dir = into.resolve(localName(ref.name()));
            Files.createDirectories(dir);
            String prefix = S3Location.parse(ref.uri()).key();
            TaskStorage storage = storage(ref.uri());
            for (URI object : storage.list(URI.create(ref.uri()))) {
                String uri = object.toString();
                String relative = S3Location.parse(uri).key().substring(prefix.length());
                if (!relative.isEmpty() && !relative.endsWith("/")) {
                    Path target = dir;
                    for (String segment : relative.split("/")) {
                        target = target.resolve(localName(segment));
                    }
                    storage.download(object, target);
                }
            }
            return FileRef.of(dir);
        }
        Path file = into.resolve(localName(ref.name()));
        try {
            storage(ref.uri()).download(URI.create(ref.uri()), file);
        } catch (RuntimeException e) {
            throw new IOException("cannot download " + ref.uri() + ": " + e.getMessage(), e);
        }
        return FileRef.of(file);
    }

    /**
     * Uploads under {@code prefix} of {@code bucket}. A file keeps its own name as its key's last part (S3 takes any
     * name), so {@link FileRef#name()} is the same name on every side; the reference's URI percent-encodes it.
     */
    private FileRef upload(FileRef ref, String bucket, String prefix) throws IOException {
        Path source = ref.path();
        if (!Files.exists(source)) {
            throw new IOException("the electron returned FileRef " + ref.uri() + " but " + source + " does not exist");
        }
        if (Files.isDirectory(source)) {
            String dir = prefix + source.getFileName() + "/";
            try (Stream<Path> files = Files.walk(source)) {
                for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                    String relative = source.relativize(file).toString().replace('\\', '/');
                    String uri = new S3Location(bucket, dir + relative).toString();
                    storage(uri).upload(file, URI.create(uri));
                }
            }
            return FileRef.s3(bucket, dir);
        }
        FileRef uploaded = FileRef.s3(bucket, prefix + source.getFileName());
        storage(uploaded.uri()).upload(source, URI.create(uploaded.uri()));
        return uploaded;
    }

    /**
     * Deletes the directory this electron's downloads went to, unless {@code result}'s value still references a
     * file inside it (a local result, e.g. the electron returned its input): the caller may read that one.
     */
    void removeDownloads(TaskResult result) throws IOException {
        if (downloads == null) {
            return;
        }
        boolean[] referenced = {false};
        if (result.value() != null) {
            FileRef.forEach(result.value(), ref -> referenced[0] |= ref.isLocal()
                    && ref.path().toAbsolutePath().normalize().startsWith(downloads));
        }
        if (referenced[0]) {
            return;
        }
        try (Stream<Path> paths = Files.walk(downloads)) {
            for (Path path : (Iterable<Path>) paths.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(path);
            }
        }
        downloads = null;
    }

    private static TaskStorage storage(String uri) {
        return TaskStorages.forUri(URI.create(uri));
    }

    /** The local name of a key's last part: the name itself, unless it cannot name a file ("", ".", ".."). */
    private static String localName(String name) {
        return name.isEmpty() || name.equals(".") || name.equals("..") || name.indexOf('\0') >= 0 ? "file" : name;
    }

    /** A fresh directory for this task's downloads, made on first use. */
    private Path downloads(TaskSpec spec) throws IOException {
        if (downloads == null) {
            downloads = Files.createTempDirectory("ecs-lattice-files-" + Keys.segment(spec.nodeId()) + "-")
                    .toAbsolutePath().normalize();
        }
        return downloads;
    }
}
