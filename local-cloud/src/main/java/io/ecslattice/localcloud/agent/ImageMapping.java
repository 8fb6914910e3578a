package io.ecslattice.localcloud.agent;

import java.util.regex.Pattern;

/** Maps an ECR image URI to the local registry that serves ECR's data plane here. */
public final class ImageMapping {
    private static final Pattern ECR_HOST =
            Pattern.compile("^\\d{12}\\.dkr\\.ecr\\.[a-z0-9-]+\\.amazonaws\\.com(\\.cn)?/");
    private final String registry;

    public ImageMapping(String registry) {
        this.registry = registry;
    }

    /** `<acct>.dkr.ecr.<region>.amazonaws.com/<repo>:<tag>` becomes `<registry>/<repo>:<tag>`; others stay. */
    public String localReference(String image) {
        return ECR_HOST.matcher(image).replaceFirst(registry + "/");
    }
}
