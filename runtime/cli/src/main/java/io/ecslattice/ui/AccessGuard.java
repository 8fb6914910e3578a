package io.ecslattice.ui;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HttpStatus;
import io.javalin.http.SameSite;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides who may use the UI. On a loopback address anyone on this machine may, but only under a
 * loopback host name, so a web page cannot reach it through DNS rebinding. On any other address every
 * request must carry the token printed at start, as {@code Authorization: Bearer <token>} or as the
 * {@value #COOKIE} cookie; opening a page once with {@code ?token=<token>} sets that cookie. A POST
 * coming from another origin is refused, so a foreign page cannot cancel a dispatch.
 */
final class AccessGuard {
    static final String COOKIE = "ecs_lattice_token";

    private final String token;

    private AccessGuard(String token) {
        this.token = token;
    }

    /** A guard for a server bound to {@code bindAddress}: a fresh token unless the address is loopback. */
    static AccessGuard forBindAddress(String bindAddress) {
        return isLoopback(bindAddress) ? new AccessGuard(null) : new AccessGuard(newToken());
    }

    /** The token clients must send, or empty on a loopback bind. */
    Optional<String> token() {
        return Optional.ofNullable(token);
    }

    /**
     * Throws {@link ApiException} unless the request may go on; answers a {@code ?token=} login itself with
     * the cookie and a redirect to the same page.
     */
    void check(Context ctx) {
        if (token == null) {
            requireLoopbackHost(ctx);
        } else if (!presentsToken(ctx)) {
            String fromQuery = ctx.queryParam("token");
            if (fromQuery != null && matches(fromQuery) && ctx.method().name().equals("GET")) {
                ctx.cookie(new Cookie(COOKIE, token, "/", -1, false, true, null, SameSite.STRICT));
                ctx.redirect(ctx.path(), HttpStatus.SEE_OTHER);
                ctx.skipRemainingHandlers();
                return;
            }
            throw new ApiException(401, "this ecs-lattice UI is bound to a non-loopback address: send the token"
                    + " printed at its start as 'Authorization: Bearer <token>', or open a page once with ?token=<token>");
        }
        if (ctx.method().name().equals("POST")) {
            requireSameOrigin(ctx);
        }
    }

    private boolean presentsToken(Context ctx) {
        String authorization = ctx.header("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                && matches(authorization.substring(7).trim())) {
            return true;
        }
        String cookie = ctx.cookie(COOKIE);
        return cookie != null && matches(cookie);
    }

    private boolean matches(String candidate) {
        return MessageDigest.isEqual(candidate.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
    }

    private static void requireLoopbackHost(Context ctx) {
        String host = hostName(ctx.header("Host"));
        boolean loopbackName = host.equals("localhost") || host.equals("[::1]") || host.startsWith("127.");
        if (!loopbackName) {
            throw new ApiException(403, "Host '" + host + "' is not a loopback name; this UI answers only"
                    + " http://127.0.0.1 or http://localhost (start it with --bind to serve other addresses)");
        }
    }

    private static void requireSameOrigin(Context ctx) {
        String origin = ctx.header("Origin");
        if (origin == null) {
            return;
        }
        String originAuthority = URI.create(origin).getRawAuthority();
        if (originAuthority == null || !originAuthority.equalsIgnoreCase(ctx.header("Host"))) {
            throw new ApiException(403, "POST from origin " + origin + " refused: only pages of this UI may change dispatches");
        }
    }

    private static String hostName(String hostHeader) {
        if (hostHeader == null) {
            return "";
        }
        String lower = hostHeader.toLowerCase(Locale.ROOT);
        if (lower.startsWith("[")) {
            int end = lower.indexOf(']');
            return end < 0 ? lower : lower.substring(0, end + 1);
        }
        int colon = lower.indexOf(':');
        return colon < 0 ? lower : lower.substring(0, colon);
    }

    static boolean isLoopback(String bindAddress) {
        try {
            return InetAddress.getByName(bindAddress).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("bind address '" + bindAddress + "' does not resolve: " + e.getMessage(), e);
        }
    }

    private static String newToken() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
