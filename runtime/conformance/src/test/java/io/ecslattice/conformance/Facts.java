package io.ecslattice.conformance;

import io.ecslattice.workflow.DispatchStatus;
import io.ecslattice.workflow.Result;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * What a row came to, as named facts: a row's expected facts are written once and every column's observed facts
 * must equal them. Notes (an error message, a node's output) are shown when a cell fails but never compared.
 */
public final class Facts {
    private static final int SHOWN_CHARS = 300;
    /** Notes carry errors, whose cause is often at the end of a long message. */
    private static final int NOTE_CHARS = 2000;

    private final Map<String, Object> compared = new LinkedHashMap<>();
    private final Map<String, Object> notes = new LinkedHashMap<>();

    private Facts() {
    }

    /** Expected: the dispatch completed. Add its value with {@link #with}. */
    public static Facts completed() {
        return new Facts().with("status", DispatchStatus.COMPLETED);
    }

    /** Expected: the dispatch failed because electron {@code node} failed with {@code errorType}. */
    public static Facts failed(String node, String errorType) {
        return new Facts().with("status", DispatchStatus.FAILED).with("failed node", node).with("error type", errorType);
    }

    /** Expected: the dispatch was cancelled. */
    public static Facts cancelled() {
        return new Facts().with("status", DispatchStatus.CANCELLED);
    }

    /**
     * Observed: the status of {@code result} and, when it failed, the failed electron and its error type (with the
     * message as a note). A completed result adds nothing more: the row adds the value it checks with {@link #value}.
     */
    public static Facts of(Result<?> result) {
        Facts facts = new Facts().with("status", result.status());
        if (result.status() == DispatchStatus.FAILED) {
            facts.with("failed node", result.failedNode()).with("error type", result.error() == null ? null : result.error().type());
            facts.note("error", result.error() == null ? result.errorMessage() : result.error().message());
        }
        return facts;
    }

    /** Adds the fact {@code name} = {@code value}; equal values compare equal whatever their class (a List is a List). */
    public Facts with(String name, Object value) {
        compared.put(name, value);
        return this;
    }

    /** Adds {@code value} read through {@code view} as the fact "value" when {@code result} completed; nothing otherwise. */
    public <R> Facts value(Result<R> result, Function<R, ?> view) {
        if (result.isCompleted()) {
            with("value", view.apply(result.value()));
        }
        return this;
    }

    /** Adds the value of {@code result} as the fact "value" when it completed. */
    public <R> Facts value(Result<R> result) {
        return value(result, Function.identity());
    }

    /** Adds a note: shown when the cell fails, never compared. */
    public Facts note(String name, Object value) {
        notes.put(name, value);
        return this;
    }

    /** A short stand-in for a long text: its length and SHA-256, so a mismatch names sizes instead of printing a megabyte. */
    public static String digest(String text) {
        if (text == null) {
            return null;
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return text.length() + " chars, sha256 " + HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** True when {@code observed} has exactly these compared facts. */
    boolean matchedBy(Facts observed) {
        return compared.equals(observed.compared);
    }

    /** Each fact that differs, as "name: expected X, got Y", then the observed notes. */
    String differences(Facts observed) {
        StringBuilder text = new StringBuilder();
        Set<String> names = new LinkedHashSet<>(compared.keySet());
        names.addAll(observed.compared.keySet());
        for (String name : names) {
            Object want = compared.get(name);
            Object got = observed.compared.get(name);
            if (!Objects.equals(want, got) || compared.containsKey(name) != observed.compared.containsKey(name)) {
                text.append(System.lineSeparator()).append("  ").append(name).append(": expected ")
                        .append(compared.containsKey(name) ? shown(want) : "(nothing)").append(", got ")
                        .append(observed.compared.containsKey(name) ? shown(got) : "(nothing)");
            }
        }
        observed.notes.forEach((name, value) -> text.append(System.lineSeparator()).append("  (").append(name).append(": ")
                .append(shown(value, NOTE_CHARS)).append(')'));
        return text.toString();
    }

    private static String shown(Object value) {
        return shown(value, SHOWN_CHARS);
    }

    private static String shown(Object value, int limit) {
        String text = String.valueOf(value);
        return text.length() <= limit ? text : text.substring(0, limit) + "... (" + text.length() + " chars)";
    }

    @Override
    public String toString() {
        return compared.toString();
    }
}
