package io.ecslattice.ui;

/** An HTTP error the UI answers with a JSON body {@code {"status": n, "error": "..."}}. */
final class ApiException extends RuntimeException {
    private final int status;

    ApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    int status() {
        return status;
    }
}
