package io.ecslattice.taskrunner;

import java.net.URI;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * Picks the {@link TaskStorage} for a URI by its scheme. The storages are loaded once per JVM: a storage may hold a
 * client (S3's) that costs a few hundred milliseconds to build, and one electron may move many files.
 */
public final class TaskStorages {

    private static volatile Map<String, TaskStorage> known;

    private TaskStorages() {
    }

    /** The storage that serves {@code uri}'s scheme; fails naming the schemes that are known. */
    public static TaskStorage forUri(URI uri) {
        Map<String, TaskStorage> byScheme = known();
        String scheme = uri.getScheme() == null ? "" : uri.getScheme();
        TaskStorage storage = byScheme.get(scheme);
        if (storage == null) {
            throw new IllegalArgumentException("no task storage for URI " + uri + " (scheme '" + scheme
                    + "'); known schemes: " + String.join(", ", byScheme.keySet())
                    + (scheme.equals("s3") ? "; the s3 storage is in io.ecslattice:task-image (runtime-ecs brings it)" : ""));
        }
        return storage;
    }

    private static Map<String, TaskStorage> known() {
        Map<String, TaskStorage> loaded = known;
        if (loaded == null) {
            synchronized (TaskStorages.class) {
                if (known == null) {
                    Map<String, TaskStorage> byScheme = new TreeMap<>();
                    byScheme.put("file", new FileTaskStorage());
                    for (TaskStorage storage : ServiceLoader.load(TaskStorage.class, TaskStorages.class.getClassLoader())) {
                        byScheme.put(storage.scheme(), storage);
                    }
                    known = Map.copyOf(byScheme);
                }
                loaded = known;
            }
        }
        return loaded;
    }
}
