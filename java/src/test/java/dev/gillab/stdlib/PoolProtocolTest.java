package dev.gillab.stdlib;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gillab.kernel.JavaKernels;
import dev.gillab.lock.Interpreter;
import dev.gillab.lock.LockMode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** The frames, and the worker's loop run in this process over byte arrays. */
class PoolProtocolTest {

    @Test
    void aMatmulTaskSurvivesTheRoundTripBitForBit() {
        double[] a = {1.5, -0.0, Double.MIN_VALUE, 4};
        double[] b = {Double.NaN, 2, 3, -7.25};
        PoolTask<?> decoded = PoolProtocol.decode(PoolProtocol.encode(new PoolTask.Matmul(a, b, 2)));
        assertThat(decoded).isInstanceOfSatisfying(PoolTask.Matmul.class, m -> {
            assertThat(m.n()).isEqualTo(2);
            assertThat(m.a()).isEqualTo(a);
            assertThat(m.b()).isEqualTo(b);
        });
    }

    @Test
    void aReplyOfTheWrongSizeIsRefused() {
        assertThatThrownBy(() -> PoolProtocol.decodeResult(new PoolTask.Countdown(5), new byte[7]))
                .isInstanceOf(IOException.class).hasMessageContaining("7 bytes, expected 8");
    }

    @Test
    void aCorruptLengthIsRefusedBeforeAnythingIsAllocated() {
        byte[] frame = ByteBuffer.allocate(5).put(PoolProtocol.COUNTDOWN).putInt(Integer.MAX_VALUE).array();
        assertThatThrownBy(() -> PoolProtocol.readRequest(new DataInputStream(new ByteArrayInputStream(frame))))
                .isInstanceOf(IOException.class).hasMessageContaining("corrupt frame");
    }

    /**
     * The worker's loop: hello, then a reply per request. A request that does not make a valid
     * task (a countdown of -1) is answered with a failure naming the problem, and the worker
     * goes on to answer the next one.
     */
    @Test
    void theWorkerAnswersAnInvalidRequestWithAFailureAndGoesOn() throws IOException {
        ByteArrayOutputStream requests = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(requests);
        PoolProtocol.write(out, new PoolProtocol.Request(PoolProtocol.COUNTDOWN, ByteBuffer.allocate(8).putLong(-1)
                .array()));
        PoolProtocol.write(out, PoolProtocol.encode(new PoolTask.Countdown(777)));

        ByteArrayOutputStream replies = new ByteArrayOutputStream();
        Interpreter interpreter = Interpreter.create(LockMode.SWITCH);
        interpreter.attached(() -> {
            try {
                ProcessPoolWorker.serve(interpreter, 1,
                        new DataInputStream(new ByteArrayInputStream(requests.toByteArray())),
                        new DataOutputStream(replies));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).run();

        DataInputStream in = new DataInputStream(new ByteArrayInputStream(replies.toByteArray()));
        assertThat(PoolProtocol.readHello(in)).as("the hello names this process")
                .isEqualTo(ProcessHandle.current().pid());
        PoolProtocol.Reply failed = PoolProtocol.readReply(in);
        assertThat(failed.status()).isEqualTo(PoolProtocol.FAILED);
        assertThat(failed.failureText()).contains("IllegalArgumentException").contains("n");
        PoolProtocol.Reply ok = PoolProtocol.readReply(in);
        assertThat(ok.status()).isEqualTo(PoolProtocol.OK);
        assertThat(PoolProtocol.decodeResult(new PoolTask.Countdown(777), ok.payload()))
                .isEqualTo(new JavaKernels().countdown(777));
        assertThat(ok.switches()).as("one thread, one lock").isZero();
        assertThat(in.read()).as("nothing after the two replies").isEqualTo(-1);
    }
}
