package io.ecslattice.taskrunner;

import java.util.List;

/** Electrons for the task runner's tests. */
public final class Samples {

    private Samples() {
    }

    public record Item(String name, int count) {
    }

    static int total(List<Item> items) {
        return items.stream().mapToInt(Item::count).sum();
    }

    static String pick(int index, String... words) {
        return words[index];
    }

    static String pick(long index, List<String> words) {
        return "long overload " + words.get((int) index);
    }

    static String chatty(int lines) {
        for (int i = 0; i < lines; i++) {
            System.out.println("line " + i + " of chatter that goes on and on to fill the capture buffer quickly");
        }
        return "done";
    }

    static void fail() {
        throw new UnsupportedOperationException("not today");
    }
}
