package io.ecslattice.localcloud.testimage;

/**
 * The program in the local cloud's test image: prints lines, optionally sleeps, exits with a code.
 * Arguments: {@code <lines> <exit-code> [sleep-millis]}; line i is "echo <i> of <lines>", and after a
 * sleep it prints "slept <millis> ms". With {@code env <name>...} it prints "name=value" for each
 * variable instead and exits 0.
 */
public final class EchoTask {
    private EchoTask() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length > 0 && args[0].equals("env")) {
            for (int i = 1; i < args.length; i++) {
                System.out.println(args[i] + "=" + System.getenv(args[i]));
            }
            return;
        }
        int lines = Integer.parseInt(args[0]);
        int exitCode = Integer.parseInt(args[1]);
        long sleepMillis = args.length > 2 ? Long.parseLong(args[2]) : 0;
        for (int i = 1; i <= lines; i++) {
            System.out.println("echo " + i + " of " + lines);
        }
        System.out.flush();
        if (sleepMillis > 0) {
            Thread.sleep(sleepMillis);
            System.out.println("slept " + sleepMillis + " ms");
        }
        System.exit(exitCode);
    }
}
