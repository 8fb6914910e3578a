package io.ecslattice.executor.ecs;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The tags RunTask puts on a task, made valid for ECS: a key or value may hold only letters, digits, spaces and
 * {@code _ . : / = + - @}, a key at most 128 characters and a value at most 256, and a task at most 50 tags.
 * ECS refuses the whole RunTask otherwise (InvalidParameterException "Some tags contain invalid characters"),
 * so a workflow named {@code Hello, World!} is tagged {@code Hello_ World_}.
 */
final class TaskTags {
    static final int MAX_TAGS = 50;
    static final int MAX_KEY_LENGTH = 128;
    static final int MAX_VALUE_LENGTH = 256;
    private static final Pattern NOT_ALLOWED = Pattern.compile("[^\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]");

    private TaskTags() {
    }

    /** The tags with every character ECS refuses replaced by {@code _} and each cut to ECS's length. */
    static Map<String, String> of(Map<String, String> tags) {
        if (tags.size() > MAX_TAGS) {
            throw new IllegalArgumentException(tags.size() + " tags; ECS allows at most " + MAX_TAGS + " per task");
        }
        Map<String, String> valid = new LinkedHashMap<>();
        tags.forEach((key, value) -> valid.put(clean(key, MAX_KEY_LENGTH), clean(value, MAX_VALUE_LENGTH)));
        return valid;
    }

    /** The text with characters ECS refuses replaced by {@code _}, cut to {@code max} characters. */
    static String clean(String text, int max) {
        String cleaned = NOT_ALLOWED.matcher(text).replaceAll("_");
        return cleaned.length() <= max ? cleaned : cleaned.substring(0, max);
    }
}
