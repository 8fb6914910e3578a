package io.ecslattice.ui;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HttpStatus;
import io.javalin.http.SameSite;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides who may use the UI. On a loopback address anyone on this machine may, but only under a
 * loopback host name, so a web page cannot reach it through DNS rebinding. On any other address every
 * request must carry the token printed at start, as {@code Authorization: Bearer <token>} or as the
 * {@value #COOKIE} cookie; opening a page once with {@code ?token=<token>} sets that cookie. A POST must
 * carry an {@code Origin} equal to the UI's own (browsers send it on every POST), or the token in an
 * {@code Authorization} header (scripts), so neither a foreign page nor a request that hides its origin
 * can cancel a dispatch.
 */
final class AccessGuard {
    static final String COOKIE = "ecs_lattice_token";
    /** An IPv4 loopback literal: 127.0.0.0/8 as four decimal octets, nothing before or after. */
    private static final Pattern IPV4_LOOPBACK = Pattern.compile("127\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

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
        if (ctx.method().name().equals("POST") && !(token != null && presentsBearer(ctx))) {
            requireSameOrigin(ctx);
        }
    }

    private boolean presentsToken(Context ctx) {
        String cookie = ctx.cookie(COOKIE);
        return presentsBearer(ctx) || cookie != null && matches(cookie);
    }

    private boolean presentsBearer(Context ctx) {
        String authorization = ctx.header("Authorization");
        return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                && matches(authorization.substring(7).trim());
    }

    private boolean matches(String candidate) {
        return MessageDigest.isEqual(candidate.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
    }

    private static void requireLoopbackHost(Context ctx) {
        String host = hostName(ctx.header("Host"));
        if (!isLoopbackHostName(host)) {
            throw new ApiException(403, "Host '" + host + "' is not a loopback name; this UI answers only"
                    + " http://127.0.0.1 or http://localhost (start it with --bind to serve other addresses)");
        }
    }

    /**
     * Only what a name server cannot point elsewhere: {@code localhost}, {@code [::1]} and IPv4 loopback literals.
     * A prefix test would let {@code 127.attacker.example} (DNS rebinding) through.
     */
    static boolean isLoopbackHostName(String host) {
        if (host.equals("localhost") || host.equals("[::1]")) {
            return true;
        }
        Matcher literal = IPV4_LOOPBACK.matcher(host);
        if (!literal.matches()) {
            return false;
        }
        for (int group = 1; group <= 3; group++) {
            if (Integer.parseInt(literal.group(group)) > 255) {
                return false;
            }
        }
        return true;
    }

    private static void requireSameOrigin(Context ctx) {
        String origin = ctx.header("Origin");
        String host = ctx.header("Host");
        if (origin == null) {
            throw new ApiException(403, "POST without an Origin header refused: only pages of this UI (or a client sending"
                    + " the token as 'Authorization: Bearer <token>') may change dispatches");
        }
        String ownOrigin = "http://" + host;
        if (host == null || !origin.equalsIgnoreCase(ownOrigin)) {
            throw new ApiException(403, "POST from origin " + origin + " refused: only pages of this UI (" + ownOrigin
                    + ") may change dispatches");
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
