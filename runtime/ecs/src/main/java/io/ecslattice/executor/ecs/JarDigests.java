package io.ecslattice.executor.ecs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SHA-256 of classpath files for the image's content hash. Jars (about 100 MB for a typical classpath)
 * are remembered by path, size, modification time and file key under {@code cache_dir}, so a warm
 * dispatch hashes only the classes directories; any change to a jar's attributes hashes it again.
 */
final class JarDigests {
    private static final Logger LOG = LoggerFactory.getLogger(JarDigests.class);

    private final Path file;
    private final Map<String, String> known = new ConcurrentHashMap<>();
    private volatile boolean changed;

    JarDigests(Path file) {
        this.file = file;
        try {
            if (Files.isRegularFile(file)) {
                for (String line : Files.readAllLines(file)) {
                    int tab = line.lastIndexOf('\t');
                    if (tab > 0) {
                        known.put(line.substring(0, tab), line.substring(tab + 1));
                    }
                }
            }
        } catch (IOException e) {
            LOG.debug("ignoring unreadable jar digest cache {}: {}", file, e.getMessage());
        }
    }

    /** The file's SHA-256 in hex; from the cache for a jar whose attributes did not change. */
    String digest(Path path) {
        if (!path.toString().endsWith(".jar")) {
            return compute(path);
        }
        String key = key(path);
        return known.computeIfAbsent(key, k -> {
            changed = true;
            return compute(path);
        });
    }

    /** Writes what was learned, for the next process. */
    void save() {
        if (!changed) {
            return;
        }
        try {
            List<String> lines = new ArrayList<>();
            known.forEach((k, v) -> lines.add(k + "\t" + v));
            Files.createDirectories(file.getParent());
            Path temporary = Files.createTempFile(file.getParent(), "jar-digests", ".tmp");
            Files.write(temporary, lines);
            Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            changed = false;
        } catch (IOException e) {
            LOG.debug("cannot save jar digest cache {}: {}", file, e.getMessage());
        }
    }

    private static String key(Path path) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            return path.toAbsolutePath() + "\t" + attributes.size() + "\t" + attributes.lastModifiedTime().toInstant()
                    + "\t" + attributes.fileKey();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read classpath file " + path, e);
        }
    }

    static String compute(Path path) {
        MessageDigest digest = Hashes.sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(path), digest)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read classpath file " + path, e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
