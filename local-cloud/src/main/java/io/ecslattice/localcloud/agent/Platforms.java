package io.ecslattice.localcloud.agent;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * CPU architectures as a task definition names them (X86_64, ARM64) and as images and this host name them
 * (amd64, arm64), and whether this host can run another architecture's containers: only under emulation,
 * which Debian's qemu-user-static provides (Fargate runs each architecture on its own hosts).
 */
final class Platforms {
    private Platforms() {
    }

    /** The image architecture a task definition's cpuArchitecture needs; X86_64 when it names none, as on ECS. */
    static String imageArchitecture(String cpuArchitecture) {
        return "ARM64".equals(cpuArchitecture) ? "arm64" : "amd64";
    }

    /** This host's architecture, as images name it. */
    static String host() {
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        return arch.equals("aarch64") || arch.equals("arm64") ? "arm64" : "amd64";
    }

    /** Whether Debian's qemu-user-static is installed for {@code architecture} (its binfmt handler runs such binaries). */
    static boolean canEmulate(String architecture) {
        String qemu = "arm64".equals(architecture) ? "aarch64" : "x86_64";
        return Files.isExecutable(Path.of("/usr/bin/qemu-" + qemu + "-static"));
    }
}
