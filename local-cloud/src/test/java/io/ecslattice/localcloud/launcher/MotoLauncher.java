package io.ecslattice.localcloud.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * The local cloud's moto launcher (moto/launcher.py with its fixes and AWS's request checks) as a process of
 * its own on a free loopback port, for one test class. Starts once, waits until its health path answers,
 * and names the launcher's output when it does not.
 */
public final class MotoLauncher implements AutoCloseable {
    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));
    private final Process process;
    private final URI endpoint;
    private final Path log;

    private MotoLauncher(Process process, URI endpoint, Path log) {
        this.process = process;
        this.endpoint = endpoint;
        this.log = log;
    }

    /** Starts the launcher; a stopping task spends {@code stopSeconds} in STOPPING and DEPROVISIONING. */
    public static MotoLauncher start(double stopSeconds) {
        try {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            Path log = Files.createTempFile("moto-launcher-", ".log");
            Process process = new ProcessBuilder("python3", Path.of("moto/launcher.py").toAbsolutePath().toString(),
                    "--host", "127.0.0.1", "--port", String.valueOf(port), "--stop-seconds", String.valueOf(stopSeconds))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            MotoLauncher launcher = new MotoLauncher(process, URI.create("http://127.0.0.1:" + port), log);
            launcher.awaitHealthy();
            return launcher;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    /** Points an SDK client builder at this launcher, in us-east-1 with dummy keys. */
    public <B extends AwsClientBuilder<B, C>, C> C client(B builder) {
        return builder.endpointOverride(endpoint).region(Region.US_EAST_1).credentialsProvider(CREDENTIALS).build();
    }

    /** A subnet and security group that moto's RunTask accepts (it needs DNS hostnames on the VPC). */
    public Network createNetwork(String cidr16) {
        try (Ec2Client ec2 = client(Ec2Client.builder())) {
            String vpc = ec2.createVpc(b -> b.cidrBlock(cidr16 + ".0.0/16")).vpc().vpcId();
            ec2.modifyVpcAttribute(b -> b.vpcId(vpc).enableDnsHostnames(a -> a.value(true)));
            String subnet = ec2.createSubnet(b -> b.vpcId(vpc).cidrBlock(cidr16 + ".1.0/24")).subnet().subnetId();
            String group = ec2.createSecurityGroup(b -> b.vpcId(vpc).groupName("tasks").description("tasks")).groupId();
            return new Network(subnet, group);
        }
    }

    /** Where RunTask puts a task. */
    public record Network(String subnet, String securityGroup) {
    }

    private void awaitHealthy() throws IOException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("moto launcher exited: " + Files.readString(log));
            }
            try {
                if (http.send(HttpRequest.newBuilder(endpoint.resolve("/_local-cloud/health")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                process.onExit().completeOnTimeout(process, 100, TimeUnit.MILLISECONDS).join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for the moto launcher", e);
            }
        }
        throw new IllegalStateException("moto launcher not healthy on " + endpoint + " within 30 s: "
                + Files.readString(log));
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
