package io.ecslattice.ui;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Electrons that read their task's environment as a user's would, and tell what they read without revealing it. */
final class SecretWorkflows {

    private SecretWorkflows() {
    }

    /** The SHA-256 of environment variable {@code name} and its length, e.g. {@code 3a7b...:43}; never the value. */
    static String digestOf(String name) throws NoSuchAlgorithmException {
        String value = System.getenv(name);
        System.out.println("read " + name + (value == null ? " (unset)" : " (" + value.length() + " characters)"));
        return value == null ? "unset" : sha256(value) + ":" + value.length();
    }

    /** Environment variable {@code name}, for plain values that may be shown. */
    static String plain(String name) {
        return String.valueOf(System.getenv(name));
    }

    static String join(String a, String b) {
        return a + "|" + b;
    }

    static String sha256(String text) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
