package io.ecslattice.localcloud.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How the agent turns the engine's log frames into lines: bytes until a line ends, one buffer per stream.
 * The frames are docker-java's own, cut where the engine may cut them (anywhere in a byte stream).
 */
class LogLinesTest {

    private static final String T1 = "2026-12-01T10:00:00.000000001Z ";
    private static final String T2 = "2026-12-01T10:00:00.000000002Z ";

    private final List<String> lines = new ArrayList<>();
    private final ContainerRuntime.LogLines splitter = new ContainerRuntime.LogLines((time, line) -> lines.add(time + " " + line));

    @Test
    void characterSplitAcrossTwoFramesSurvives() {
        byte[] line = (T1 + "grüße ✓ 🚀\n").getBytes(StandardCharsets.UTF_8);
        int inside = (T1 + "grü").getBytes(StandardCharsets.UTF_8).length - 1; // between the two bytes of ü
        splitter.onNext(new Frame(StreamType.STDOUT, Arrays.copyOfRange(line, 0, inside)));
        splitter.onNext(new Frame(StreamType.STDOUT, Arrays.copyOfRange(line, inside, line.length - 3)));
        splitter.onNext(new Frame(StreamType.STDOUT, Arrays.copyOfRange(line, line.length - 3, line.length)));

        assertEquals(List.of("2026-12-01T10:00:00.000000001Z grüße ✓ 🚀"), lines);
    }

    @Test
    void stdoutAndStderrInterleavedMidLineStayApart() {
        splitter.onNext(new Frame(StreamType.STDOUT, (T1 + "progress: 1").getBytes(StandardCharsets.UTF_8)));
        splitter.onNext(new Frame(StreamType.STDERR, (T2 + "warning: slow\n").getBytes(StandardCharsets.UTF_8)));
        splitter.onNext(new Frame(StreamType.STDOUT, "0%\n".getBytes(StandardCharsets.UTF_8)));

        assertEquals(List.of("2026-12-01T10:00:00.000000002Z warning: slow", "2026-12-01T10:00:00.000000001Z progress: 10%"), lines);
    }

    @Test
    void unfinishedLinesOfBothStreamsAreShippedWhenTheStreamEnds() {
        splitter.onNext(new Frame(StreamType.STDOUT, (T1 + "no newline").getBytes(StandardCharsets.UTF_8)));
        splitter.onNext(new Frame(StreamType.STDERR, (T2 + "neither").getBytes(StandardCharsets.UTF_8)));
        splitter.onComplete();

        assertEquals(2, lines.size(), lines.toString());
        assertEquals(List.of(Instant.parse("2026-12-01T10:00:00.000000001Z") + " no newline",
                Instant.parse("2026-12-01T10:00:00.000000002Z") + " neither"), lines);
    }
}
