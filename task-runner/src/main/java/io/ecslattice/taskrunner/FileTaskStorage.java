package io.ecslattice.taskrunner;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** {@code file://} URIs: the local executor's spec and result files. */
public final class FileTaskStorage implements TaskStorage {

    @Override
    public String scheme() {
        return "file";
    }

    @Override
    public byte[] read(URI uri) throws IOException {
        return Files.readAllBytes(Path.of(uri));
    }

    /** Writes to a temporary file and renames it, so a reader never sees half a result. */
    @Override
    public void write(URI uri, byte[] bytes) throws IOException {
        Path target = Path.of(uri);
        Files.createDirectories(target.toAbsolutePath().getParent());
        Path temp = Files.createTempFile(target.toAbsolutePath().getParent(), target.getFileName().toString(), ".tmp");
        Files.write(temp, bytes);
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
