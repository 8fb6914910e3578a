package io.ecslattice.ui;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecslattice.wire.Wire;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web UI's HTTP server: the pages, their assets and the JSON API over a {@link UiSource}. Binds
 * 127.0.0.1 unless told otherwise; on any other address every request needs the {@link #token()}.
 * Close it to stop serving.
 */
public final class UiServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(UiServer.class);

    /** Pages may load only what this server serves: no CDN, no inline script, no framing. */
    private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    private final Javalin app;
    private final AccessGuard guard;
    private final String bindAddress;

    private UiServer(Javalin app, AccessGuard guard, String bindAddress) {
        this.app = app;
        this.guard = guard;
        this.bindAddress = bindAddress;
    }

    /**
     * Starts serving {@code source} on {@code bindAddress}:{@code port} ({@code 0} picks a free port).
     *
     * @throws IllegalArgumentException when the address does not resolve or the port is out of range
     */
    public static UiServer start(UiSource source, String bindAddress, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port=" + port + " is not valid; valid: 0 (any free port) to 65535");
        }
        AccessGuard guard = AccessGuard.forBindAddress(bindAddress);
        ObjectMapper mapper = Wire.mapper().copy();
        DispatchApi api = new DispatchApi(source, mapper);
        StaticAssets assets = new StaticAssets();
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.http.prefer405over404 = true;
            config.http.generateEtags = true;
            config.jsonMapper(new JavalinJackson(mapper, false));
            config.routes.before(ctx -> {
                ctx.header("Cache-Control", "no-cache");
                ctx.header("X-Content-Type-Options", "nosniff");
                guard.check(ctx);
            });
            config.routes.get("/", ctx -> page(ctx, assets, "list.html"));
            config.routes.get("/dispatches/{id}", ctx -> page(ctx, assets, "dispatch.html"));
            config.routes.get("/dispatches/{id}/nodes/{node}", ctx -> page(ctx, assets, "node.html"));
            config.routes.get("/static/{file}", ctx -> asset(ctx, assets, ctx.pathParam("file")));
            config.routes.get("/api/dispatches", api::list);
            config.routes.get("/api/dispatches/{id}", api::dispatch);
            config.routes.get("/api/dispatches/{id}/nodes/{node}", api::node);
            config.routes.get("/api/dispatches/{id}/nodes/{node}/inputs", ctx -> api.download(ctx, "inputs"));
            config.routes.get("/api/dispatches/{id}/nodes/{node}/output", ctx -> api.download(ctx, "output"));
            config.routes.post("/api/dispatches/{id}/cancel", api::cancel);
            config.routes.exception(ApiException.class, (e, ctx) -> error(ctx, e.status(), e.getMessage()));
            config.routes.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(),
                    e.getStatus() == 405 ? ctx.method() + " is not allowed on " + ctx.path() : e.getMessage()));
            config.routes.exception(Exception.class, (e, ctx) -> {
                // The exception's text may hold paths, SQL or user data: it goes to the log, the client gets an id to find it.
                String errorId = UUID.randomUUID().toString().substring(0, 8);
                LOG.error("UI request {} {} failed (error id {})", ctx.method(), ctx.path(), errorId, e);
                error(ctx, 500, "the UI server failed; error id " + errorId + " names the cause in the ui command's log");
            });
        });
        app.start(bindAddress, port);
        return new UiServer(app, guard, bindAddress);
    }

    /** The port it listens on. */
    public int port() {
        return app.port();
    }

    /** The token every request must carry, or empty on a loopback address where none is needed. */
    public Optional<String> token() {
        return guard.token();
    }

    /** The base address, e.g. {@code http://127.0.0.1:8080/}; this machine's name when bound to all addresses. */
    public URI uri() {
        String host = bindAddress;
        try {
            if (InetAddress.getByName(bindAddress).isAnyLocalAddress()) {
                host = InetAddress.getLocalHost().getHostName();
            }
        } catch (UnknownHostException e) {
            LOG.debug("no host name for {}; printing the bind address", bindAddress, e);
        }
        host = host.contains(":") ? "[" + host + "]" : host;
        return URI.create("http://" + host + ":" + port() + "/");
    }

    /** The address to open in a browser: {@link #uri()}, with the token when one is needed. */
    public URI browserUri() {
        return token().map(t -> URI.create(uri() + "?token=" + t)).orElse(uri());
    }

    @Override
    public void close() {
        app.stop();
    }

    private static void page(Context ctx, StaticAssets assets, String file) {
        ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        ctx.header("X-Frame-Options", "DENY");
        asset(ctx, assets, file);
    }

    private static void asset(Context ctx, StaticAssets assets, String file) {
        StaticAssets.Asset asset = assets.get(file).orElseThrow(() -> new ApiException(404, "no UI file " + file));
        ctx.contentType(asset.contentType()).result(asset.bytes());
    }

    private static void error(Context ctx, int status, String message) {
        ctx.status(status).json(Map.of("status", status, "error", message));
    }
}
