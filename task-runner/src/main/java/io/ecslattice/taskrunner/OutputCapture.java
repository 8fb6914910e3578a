package io.ecslattice.taskrunner;

import io.ecslattice.wire.Wire;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;

/**
 * Captures what an electron prints on {@code System.out} and {@code System.err}, per thread, so that
 * several electrons running at once in one JVM each get their own output. Output still reaches the
 * real streams too, so a child JVM's or container's log holds it as well.
 */
final class OutputCapture {

    private static final InheritableThreadLocal<Buffers> CURRENT = new InheritableThreadLocal<>();
    private static boolean installed;

    private OutputCapture() {
    }

    /** What one electron printed, each bounded by {@link Wire#MAX_CAPTURED_CHARS}. */
    record Captured(String stdout, String stderr) {
    }

    /** Routes this thread's (and its children's) output into fresh buffers until {@link Session#finish()}. */
    static Session start() {
        install();
        Buffers buffers = new Buffers(new Bounded(), new Bounded());
        CURRENT.set(buffers);
        return new Session(buffers);
    }

    /** One capture; {@link #finish()} ends it and returns what was printed. */
    static final class Session {
        private final Buffers buffers;

        private Session(Buffers buffers) {
            this.buffers = buffers;
        }

        Captured finish() {
            System.out.flush();
            System.err.flush();
            CURRENT.remove();
            return new Captured(buffers.out.text(), buffers.err.text());
        }
    }

    private static synchronized void install() {
        if (installed) {
            return;
        }
        Charset charset = Charset.defaultCharset();
        System.setOut(new PrintStream(new Routing(System.out, true), true, charset));
        System.setErr(new PrintStream(new Routing(System.err, false), true, charset));
        installed = true;
    }

    private record Buffers(Bounded out, Bounded err) {
    }

    /** Keeps the first bytes of a stream, enough for {@link Wire#MAX_CAPTURED_CHARS} characters. */
    private static final class Bounded {
        private static final int MAX_BYTES = Wire.MAX_CAPTURED_CHARS * 4;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private boolean cut;

        synchronized void write(byte[] b, int off, int len) {
            int room = MAX_BYTES - bytes.size();
            if (len > room) {
                cut = true;
            }
            bytes.write(b, off, Math.max(0, Math.min(len, room)));
        }

        synchronized String text() {
            String text = bytes.toString(Charset.defaultCharset());
            if (text.length() > Wire.MAX_CAPTURED_CHARS) {
                text = text.substring(0, Wire.MAX_CAPTURED_CHARS);
                cut = true;
            }
            return cut ? text + Wire.TRUNCATION_MARKER : text;
        }
    }

    /** Writes to the real stream and to the capturing thread's buffer, if any. */
    private static final class Routing extends OutputStream {
        private final OutputStream real;
        private final boolean stdout;

        Routing(OutputStream real, boolean stdout) {
            this.real = real;
            this.stdout = stdout;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            Buffers buffers = CURRENT.get();
            if (buffers != null) {
                (stdout ? buffers.out : buffers.err).write(b, off, len);
            }
            synchronized (real) {
                try {
                    real.write(b, off, len);
                } catch (java.io.IOException e) {
                    // The real stream is gone (closed pipe); the captured copy is what matters.
                }
            }
        }

        @Override
        public void flush() throws java.io.IOException {
            real.flush();
        }
    }
}
