package io.ecslattice.executor.ecs;

import io.ecslattice.wire.Keys;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The tags RunTask puts on a task, made valid for ECS: a key or value may hold only letters, digits, spaces and
 * {@code _ . : / = + - @}, a key at most 128 characters and a value at most 256, and a task at most 50 tags.
 * ECS refuses the whole RunTask otherwise (InvalidParameterException "Some tags contain invalid characters").
 * Values are escaped reversibly ({@link Keys#tagValue}): a workflow named {@code Hello, World!} is tagged
 * {@code Hello_2C World_21}, an item node {@code 1[15]} is {@code 1_5B15_5D}.
 */
final class TaskTags {
    static final int MAX_TAGS = 50;
    static final int MAX_KEY_LENGTH = 128;
    private static final Pattern NOT_ALLOWED = Pattern.compile("[^\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]");

    private TaskTags() {
    }

    /** The tags with keys cleaned and values escaped for ECS, each cut to ECS's length. */
    static Map<String, String> of(Map<String, String> tags) {
        if (tags.size() > MAX_TAGS) {
            throw new IllegalArgumentException(tags.size() + " tags; ECS allows at most " + MAX_TAGS + " per task");
        }
        Map<String, String> valid = new LinkedHashMap<>();
        tags.forEach((key, value) -> valid.put(clean(key, MAX_KEY_LENGTH), Keys.tagValue(value)));
        return valid;
    }

    /** A key (the project's own, e.g. {@code ecs-lattice:node}) with characters ECS refuses replaced by {@code _}, cut to {@code max}. */
    static String clean(String text, int max) {
        String cleaned = NOT_ALLOWED.matcher(text).replaceAll("_");
        return cleaned.length() <= max ? cleaned : cleaned.substring(0, max);
    }
}
