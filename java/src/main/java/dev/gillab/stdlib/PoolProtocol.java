package dev.gillab.stdlib;

import dev.gillab.kernel.KernelArguments;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * What a {@link ProcessPool} and its {@link ProcessPoolWorker}s say to each other over the
 * worker's stdin and stdout: the part of {@code multiprocessing} that {@code pickle} and its
 * pipes play. Everything a task needs crosses as bytes, and that copying is the price of a
 * process pool that a thread pool never pays.
 *
 * <h2>Frames</h2>
 * Big-endian, written with {@link DataOutputStream}; every variable part is preceded by its
 * length, so a reader always knows how much to read and can refuse a corrupt length before
 * allocating anything.
 * <pre>
 *   hello    worker -> pool, once, when it is ready:  int MAGIC, int VERSION, long pid
 *   request  pool -> worker:  byte kind, int length, byte[length] arguments
 *   reply    worker -> pool:  byte status, long cpuNanos, long computeNanos, long switches,
 *                             long forcedDrops, long lockWaitNanos, int length, byte[length] payload
 *   end      the pool closes the worker's stdin; the worker exits with status 0
 * </pre>
 * The reply's figures are the worker's own: the CPU time and wall time of the computation
 * alone (decoding and encoding excluded), and what its interpreter's lock did meanwhile.
 *
 * <h2>Payloads</h2>
 * <ul>
 *   <li>{@link #COUNTDOWN}: arguments {@code long n}; result {@code long} (8 bytes each way).</li>
 *   <li>{@link #MATMUL}: arguments {@code int n}, then {@code a} and {@code b}, n<sup>2</sup>
 *       doubles each; result n<sup>2</sup> doubles (24 n<sup>2</sup> bytes in all).</li>
 *   <li>a {@link #FAILED} reply: the worker's exception with its stack trace, as UTF-8 text.</li>
 * </ul>
 * Decoding a task runs its record's checks again, in the worker, so a frame that does not make
 * a valid task is answered with {@link #FAILED} rather than computed.
 */
final class PoolProtocol {

    /** "GILP": the first bytes of a worker's stdout, so that a stray print is not taken for a reply. */
    static final int MAGIC = 0x47494C50;
    /** Bumped with every change of a frame. */
    static final int VERSION = 1;

    static final byte COUNTDOWN = 1;
    static final byte MATMUL = 2;

    static final byte OK = 0;
    static final byte FAILED = 1;

    /** The largest payload: a matmul request at the largest n. */
    static final int MAX_PAYLOAD = 4 + 2 * 8 * KernelArguments.MATMUL_MAX_N * KernelArguments.MATMUL_MAX_N;

    /** Bytes of a request frame before its payload: kind and length. */
    static final int REQUEST_HEADER = 1 + 4;
    /** Bytes of a reply frame before its payload: status, five figures and length. */
    static final int REPLY_HEADER = 1 + 5 * 8 + 4;

    private PoolProtocol() {
    }

    /** A request: the task's kind and its encoded arguments. */
    record Request(byte kind, byte[] payload) {

        int frameBytes() {
            return REQUEST_HEADER + payload.length;
        }
    }

    /**
     * A reply.
     *
     * @param status        {@link #OK} or {@link #FAILED}
     * @param cpuNanos      the worker thread's CPU time during the computation
     * @param computeNanos  the wall time of the computation
     * @param switches      lock switches in the worker's interpreter during it
     * @param forcedDrops   forced drops of the worker's lock during it
     * @param lockWaitNanos time the worker's thread waited for its lock during it
     * @param payload       the encoded result, or the failure's text
     */
    record Reply(byte status, long cpuNanos, long computeNanos, long switches, long forcedDrops, long lockWaitNanos,
                 byte[] payload) {

        int frameBytes() {
            return REPLY_HEADER + payload.length;
        }

        static Reply failed(Throwable t) {
            StringWriter text = new StringWriter();
            t.printStackTrace(new PrintWriter(text));
            return new Reply(FAILED, 0, 0, 0, 0, 0, text.toString().getBytes(StandardCharsets.UTF_8));
        }

        String failureText() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    // -------------------------------------------------------------------------------------------
    // Frames

    static void writeHello(DataOutputStream out, long pid) throws IOException {
        out.writeInt(MAGIC);
        out.writeInt(VERSION);
        out.writeLong(pid);
        out.flush();
    }

    /** Reads the hello and returns the worker's pid. */
    static long readHello(DataInputStream in) throws IOException {
        int magic = in.readInt();
        int version = in.readInt();
        if (magic != MAGIC || version != VERSION) {
            throw new IOException(String.format("not a pool worker's hello: magic %08x version %d, "
                    + "expected %08x version %d",
                    magic, version, MAGIC, VERSION));
        }
        return in.readLong();
    }

    static void write(DataOutputStream out, Request request) throws IOException {
        out.writeByte(request.kind());
        out.writeInt(request.payload().length);
        out.write(request.payload());
        out.flush();
    }

    /** The next request, or null if the pool closed the stream between two frames. */
    static Request readRequest(DataInputStream in) throws IOException {
        int kind = in.read();
        if (kind < 0) {
            return null;
        }
        return new Request((byte) kind, readPayload(in));
    }

    static void write(DataOutputStream out, Reply reply) throws IOException {
        out.writeByte(reply.status());
        out.writeLong(reply.cpuNanos());
        out.writeLong(reply.computeNanos());
        out.writeLong(reply.switches());
        out.writeLong(reply.forcedDrops());
        out.writeLong(reply.lockWaitNanos());
        out.writeInt(reply.payload().length);
        out.write(reply.payload());
        out.flush();
    }

    static Reply readReply(DataInputStream in) throws IOException {
        byte status = in.readByte();
        if (status != OK && status != FAILED) {
            throw new IOException("corrupt reply: status " + status);
        }
        return new Reply(status, in.readLong(), in.readLong(), in.readLong(), in.readLong(), in.readLong(),
                readPayload(in));
    }

    private static byte[] readPayload(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > MAX_PAYLOAD) {
            throw new IOException("corrupt frame: payload of " + length + " bytes (at most " + MAX_PAYLOAD + ")");
        }
        byte[] payload = new byte[length];
        in.readFully(payload);
        return payload;
    }

    // -------------------------------------------------------------------------------------------
    // Tasks and results

    static Request encode(PoolTask<?> task) {
        return switch (task) {
            case PoolTask.Countdown c -> new Request(COUNTDOWN, ByteBuffer.allocate(8).putLong(c.n()).array());
            case PoolTask.Matmul m -> {
                ByteBuffer buffer = ByteBuffer.allocate(4 + 16 * m.a().length).putInt(m.n());
                putDoubles(buffer, m.a());
                putDoubles(buffer, m.b());
                yield new Request(MATMUL, buffer.array());
            }
        };
    }

    /**
     * The task a request describes, checked as if it were made here.
     *
     * @throws IllegalArgumentException if the kind is unknown or the arguments do not make a valid task
     */
    static PoolTask<?> decode(Request request) {
        ByteBuffer buffer = ByteBuffer.wrap(request.payload());
        return switch (request.kind()) {
            case COUNTDOWN -> {
                requireLength(request, 8);
                yield new PoolTask.Countdown(buffer.getLong());
            }
            case MATMUL -> {
                requireAtLeast(request, 4);
                int n = buffer.getInt();
                if (n < 1 || n > KernelArguments.MATMUL_MAX_N) {
                    throw new IllegalArgumentException("matmul request: n must be in 1.." + KernelArguments.MATMUL_MAX_N
                            + ", was " + n);
                }
                requireLength(request, 4 + 16 * n * n);
                yield new PoolTask.Matmul(getDoubles(buffer, n * n), getDoubles(buffer, n * n), n);
            }
            default -> throw new IllegalArgumentException("unknown task kind " + request.kind());
        };
    }

    static byte[] encodeResult(PoolTask<?> task, Object result) {
        return switch (task) {
            case PoolTask.Countdown _ -> ByteBuffer.allocate(8).putLong((Long) result).array();
            case PoolTask.Matmul _ -> {
                double[] c = (double[]) result;
                ByteBuffer buffer = ByteBuffer.allocate(8 * c.length);
                putDoubles(buffer, c);
                yield buffer.array();
            }
        };
    }

    /**
     * The result of {@code task}, decoded from a reply's payload.
     *
     * @throws IOException if the payload does not have the result's size
     */
    static <R> R decodeResult(PoolTask<R> task, byte[] payload) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(payload);
        Object result = switch (task) {
            case PoolTask.Countdown _ -> {
                requireResultLength(task, payload, 8);
                yield buffer.getLong();
            }
            case PoolTask.Matmul m -> {
                int values = m.n() * m.n();
                requireResultLength(task, payload, 8 * values);
                yield getDoubles(buffer, values);
            }
        };
        // the task's record fixes its result type: Long for Countdown, double[] for Matmul
        @SuppressWarnings("unchecked")
        R typed = (R) result;
        return typed;
    }

    private static void putDoubles(ByteBuffer buffer, double[] values) {
        buffer.asDoubleBuffer().put(values);
        buffer.position(buffer.position() + 8 * values.length);
    }

    private static double[] getDoubles(ByteBuffer buffer, int count) {
        double[] values = new double[count];
        buffer.asDoubleBuffer().get(values);
        buffer.position(buffer.position() + 8 * count);
        return values;
    }

    private static void requireLength(Request request, int bytes) {
        if (request.payload().length != bytes) {
            throw new IllegalArgumentException("request of kind " + request.kind() + ": " + request.payload().length
                    + " bytes of arguments, expected " + bytes);
        }
    }

    private static void requireAtLeast(Request request, int bytes) {
        if (request.payload().length < bytes) {
            throw new IllegalArgumentException("request of kind " + request.kind() + ": " + request.payload().length
                    + " bytes of arguments, expected at least " + bytes);
        }
    }

    private static void requireResultLength(PoolTask<?> task, byte[] payload, int bytes) throws IOException {
        if (payload.length != bytes) {
            throw new IOException("corrupt reply to " + task + ": " + payload.length + " bytes, expected " + bytes);
        }
    }
}
