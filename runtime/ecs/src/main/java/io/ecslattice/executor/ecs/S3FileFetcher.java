package io.ecslattice.executor.ecs;

import io.ecslattice.config.ConfigFile;
import io.ecslattice.executor.FileFetcher;
import io.ecslattice.taskrunner.S3Location;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Reads {@code s3://} files for a client that got a {@code FileRef} back from an ECS electron: found by runtime-core
 * through the service loader, with the region and credentials the config file's ECS executor section and the AWS
 * environment give (as the executor itself would resolve them), and one S3 client built on first use.
 */
public final class S3FileFetcher implements FileFetcher {

    private final Supplier<S3Client> clientSupplier;
    private S3Client client;

    /** The fetcher the service loader makes: its client comes from the config file and the AWS environment. */
    public S3FileFetcher() {
        this(S3FileFetcher::configuredClient);
    }

    /** A fetcher over a given client; for tests. */
    S3FileFetcher(Supplier<S3Client> client) {
        this.clientSupplier = client;
    }

    @Override
    public String scheme() {
        return "s3";
    }

    @Override
    public InputStream open(URI uri) throws IOException {
        S3Location at = S3Location.parse(uri.toString());
        if (at.key().endsWith("/")) {
            throw new IOException(uri + " is a directory; download(path) it instead of opening it");
        }
        try {
            return client().getObject(r -> r.bucket(at.bucket()).key(at.key()));
        } catch (NoSuchKeyException e) {
            throw new NoSuchFileException(uri.toString(), null, "no such object in bucket " + at.bucket());
        } catch (SdkException e) {
            throw new IOException("cannot read " + uri + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void download(URI uri, Path target) throws IOException {
        S3Location at = S3Location.parse(uri.toString());
        try {
            if (!at.key().endsWith("/")) {
                get(at.bucket(), at.key(), target, uri);
                return;
            }
            Files.createDirectories(target);
            for (S3Object object : client().listObjectsV2Paginator(r -> r.bucket(at.bucket()).prefix(at.key())).contents()) {
                String relative = object.key().substring(at.key().length());
                if (relative.isEmpty() || relative.endsWith("/")) {
                    continue;
                }
                Path file = target;
                for (String segment : relative.split("/")) {
                    file = file.resolve(segment);
                }
                if (!file.normalize().startsWith(target.normalize())) {
                    throw new IOException("object " + object.key() + " of " + uri + " would land outside " + target);
                }
                Files.createDirectories(file.getParent());
                get(at.bucket(), object.key(), file, uri);
            }
        } catch (SdkException e) {
            throw new IOException("cannot download " + uri + ": " + e.getMessage(), e);
        }
    }

    private void get(String bucket, String key, Path file, URI uri) throws IOException {
        try (InputStream in = client().getObject(r -> r.bucket(bucket).key(key))) {
            Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (NoSuchKeyException e) {
            throw new NoSuchFileException(uri.toString(), null, "no such object in bucket " + bucket);
        }
    }

    private synchronized S3Client client() {
        if (client == null) {
            client = clientSupplier.get();
        }
        return client;
    }

    /** An S3 client with the region and credentials of the config file's ECS executor (or of the AWS environment alone). */
    private static S3Client configuredClient() {
        ConfigFile config = ConfigFile.load();
        String name = config.executorNames().stream()
                .filter(n -> "ecs".equals(String.valueOf(config.executorSection(n).getOrDefault("type", n))))
                .sorted((a, b) -> a.equals("ecs") ? -1 : b.equals("ecs") ? 1 : a.compareTo(b))
                .findFirst().orElse("ecs");
        Map<String, Object> section = config.executorNames().contains(name) ? config.executorSection(name) : Map.of();
        EcsSettings settings = EcsSettingsResolver.withoutStack(section, config.executorLayer(name).source(), AwsEnvironment.system());
        // Lives as long as the process: one client for every file this process reads.
        return AwsClients.forSettings(settings, AwsCallCounter.processWide()).s3();
    }
}
