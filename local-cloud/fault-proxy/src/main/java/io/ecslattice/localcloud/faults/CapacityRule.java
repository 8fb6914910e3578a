package io.ecslattice.localcloud.faults;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Make ECS {@code RunTask} report a capacity failure, as Fargate does when a zone has no room, for the
 * first attempts of selected tasks. A task is selected when its RunTask request body matches
 * {@code select}; its identity across retries is the pattern's first group (or the whole match), so a
 * pattern capturing the node id in the overrides or tags counts each node's attempts separately.
 *
 * @param select        regular expression searched in the RunTask request body
 * @param firstAttempts how many attempts of each selected task fail before one is let through
 * @param reason        the {@code failures[].reason}, e.g. {@code RESOURCE:MEMORY} or
 *                      {@link #FARGATE_CAPACITY}
 */
public record CapacityRule(Pattern select, int firstAttempts, String reason) {

    /** Fargate's reason when it has no capacity for a task. */
    public static final String FARGATE_CAPACITY =
            "Capacity is unavailable at this time. Please try again later or in a different availability zone";

    public CapacityRule {
        Objects.requireNonNull(select, "select");
        Objects.requireNonNull(reason, "reason");
        if (firstAttempts < 1) {
            throw new IllegalArgumentException("firstAttempts=" + firstAttempts + " for select=" + select
                    + " must be 1 or more");
        }
    }

    /** The identity of the task this request starts, or null when the rule does not select it. */
    public String identity(String requestBody) {
        Matcher matcher = select.matcher(requestBody);
        if (!matcher.find()) {
            return null;
        }
        return matcher.groupCount() >= 1 && matcher.group(1) != null ? matcher.group(1) : matcher.group();
    }
}
