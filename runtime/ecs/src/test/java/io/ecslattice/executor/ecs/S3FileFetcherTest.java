package io.ecslattice.executor.ecs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The fetcher a client reads {@code s3://} FileRefs with, against a small S3 stand-in on loopback (GetObject and
 * ListObjectsV2, path style): no cloud here, and the wire behaviour of S3 itself is the SDK's concern.
 */
class S3FileFetcherTest {

    @TempDir
    Path dir;

    private final Map<String, String> objects = new TreeMap<>();
    private HttpServer server;
    private S3Client client;
    private S3FileFetcher fetcher;

    @BeforeEach
    void startS3() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String path = URLDecoder.decode(exchange.getRequestURI().getRawPath(), StandardCharsets.UTF_8);
            String query = exchange.getRequestURI().getRawQuery();
            byte[] body;
            int status = 200;
            if (query != null && query.contains("list-type=2")) {
                String prefix = query.replaceAll(".*prefix=([^&]*).*", "$1");
                String decoded = URLDecoder.decode(prefix, StandardCharsets.UTF_8);
                body = ("<ListBucketResult><Name>bucket</Name><IsTruncated>false</IsTruncated>" + objects.keySet().stream()
                        .filter(k -> k.startsWith(decoded)).map(k -> "<Contents><Key>" + k + "</Key><Size>1</Size></Contents>")
                        .collect(Collectors.joining()) + "</ListBucketResult>").getBytes(StandardCharsets.UTF_8);
            } else if (objects.containsKey(path.substring("/bucket/".length()))) {
                body = objects.get(path.substring("/bucket/".length())).getBytes(StandardCharsets.UTF_8);
            } else {
                status = 404;
                body = "<Error><Code>NoSuchKey</Code><Message>none</Message></Error>".getBytes(StandardCharsets.UTF_8);
            }
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        client = S3Client.builder().region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
                .endpointOverride(URI.create("http://127.0.0.1:" + server.getAddress().getPort())).build();
        fetcher = new S3FileFetcher(() -> client);
    }

    @AfterEach
    void stopS3() {
        client.close();
        server.stop(0);
    }

    @Test
    void opensAnObjectAsAStream() throws IOException {
        objects.put("runs/report one.txt", "total = 31");

        try (InputStream in = fetcher.open(URI.create("s3://bucket/runs/report%20one.txt"))) {
            assertEquals("total = 31", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void downloadsAFileAndADirectoryWithEverythingUnderIt() throws IOException {
        objects.put("out/result.csv", "a,b");
        objects.put("out/tree/one.txt", "1");
        objects.put("out/tree/sub/two.txt", "2");

        fetcher.download(URI.create("s3://bucket/out/result.csv"), dir.resolve("result.csv"));
        fetcher.download(URI.create("s3://bucket/out/tree/"), dir.resolve("tree"));

        assertEquals("a,b", Files.readString(dir.resolve("result.csv")));
        assertEquals("1", Files.readString(dir.resolve("tree/one.txt")));
        assertEquals("2", Files.readString(dir.resolve("tree/sub/two.txt")));
    }

    @Test
    void aMissingObjectIsNoSuchFileNamingTheUri() {
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> fetcher.open(URI.create("s3://bucket/gone.txt")));

        assertEquals("s3://bucket/gone.txt", e.getFile());
    }
}
