package io.ecslattice.taskrunner;

import java.net.URI;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** Picks the {@link TaskStorage} for a URI by its scheme. */
public final class TaskStorages {

    private TaskStorages() {
    }

    /** The storage that serves {@code uri}'s scheme; fails naming the schemes that are known. */
    public static TaskStorage forUri(URI uri) {
        Map<String, TaskStorage> known = known();
        String scheme = uri.getScheme() == null ? "" : uri.getScheme();
        TaskStorage storage = known.get(scheme);
        if (storage == null) {
            throw new IllegalArgumentException("no task storage for URI " + uri + " (scheme '" + scheme
                    + "'); known schemes: " + String.join(", ", known.keySet()));
        }
        return storage;
    }

    private static Map<String, TaskStorage> known() {
        Map<String, TaskStorage> byScheme = new TreeMap<>();
        byScheme.put("file", new FileTaskStorage());
        for (TaskStorage storage : ServiceLoader.load(TaskStorage.class, TaskStorages.class.getClassLoader())) {
            byScheme.put(storage.scheme(), storage);
        }
        return byScheme;
    }
}
