package io.ecslattice.store;

/** A second process reading the store: prints one dispatch's status, progress and node statuses. */
public final class StoreProbe {
    public static void main(String[] args) {
        try (ResultsStore store = ResultsStore.open(java.nio.file.Path.of(args[0]))) {
            DispatchDetail detail = store.reader().detail(args[1]).orElseThrow();
            System.out.println("status=" + detail.summary().status() + " progress=" + detail.summary().counts().progress()
                    + " output=" + detail.output());
            detail.nodes().forEach(n -> System.out.println("node " + n.id() + " " + n.name() + " " + n.status()));
        }
    }
}
