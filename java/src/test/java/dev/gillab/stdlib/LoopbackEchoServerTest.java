package dev.gillab.stdlib;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoopbackEchoServerTest {

    @Test
    void listensOnlyOn127001() throws IOException {
        try (LoopbackEchoServer server = LoopbackEchoServer.start(Duration.ZERO)) {
            assertThat(server.address().getAddress()).as("the server's address")
                    .isEqualTo(InetAddress.ofLiteral("127.0.0.1"));
            assertThat(server.address().getPort()).as("an ephemeral port").isPositive();
        }
    }

    @Test
    void answersEachLineWithTheSameLineAfterTheDelay() throws IOException {
        Duration delay = Duration.ofMillis(50);
        try (LoopbackEchoServer server = LoopbackEchoServer.start(delay);
             LoopbackConnection c = LoopbackConnection.open(server.address())) {
            for (String line : new String[] {"GET /delay/50", "second line, über"}) {
                long start = System.nanoTime();
                assertThat(c.send(line)).as("bytes sent: the UTF-8 line and a newline")
                        .isEqualTo(line.getBytes(StandardCharsets.UTF_8).length + 1);
                assertThat(c.receiveLine()).as("the echo").isEqualTo(line);
                assertThat(System.nanoTime() - start).as("ns from request to reply, at least the delay")
                        .isGreaterThanOrEqualTo(delay.toNanos());
            }
            assertThat(server.connectionsAccepted()).as("connections").isEqualTo(1);
            assertThat(server.linesEchoed()).as("lines echoed").isEqualTo(2);
        }
    }

    /** A reply still waiting out its delay is cut short: the client sees the connection end, not a reply. */
    @Test
    void closingEndsOpenConnections() throws IOException, InterruptedException {
        LoopbackEchoServer server = LoopbackEchoServer.start(Duration.ofSeconds(20));
        try (LoopbackConnection c = LoopbackConnection.open(server.address())) {
            c.send("never answered");
            waitUntilAccepted(server);
            server.close();
            assertThatThrownBy(c::receiveLine).as("reading from a connection the server closed")
                    .isInstanceOf(IOException.class);
        } finally {
            server.close();
        }
        assertThat(server.linesEchoed()).as("lines echoed").isZero();
    }

    @Test
    void refusesANegativeDelay() {
        assertThatThrownBy(() -> LoopbackEchoServer.start(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
    }

    @Test
    void connectionsGoNowhereButLoopback() {
        assertThatThrownBy(() -> LoopbackConnection.open(new InetSocketAddress(InetAddress.ofLiteral("192.0.2.1"), 80)))
                .as("a documentation address (TEST-NET-1), never contacted")
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("loopback");
        assertThatThrownBy(() -> LoopbackConnection.open(InetSocketAddress.createUnresolved("localhost", 80)))
                .as("an unresolved address").isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aLineMayNotContainALineBreak() throws IOException {
        try (LoopbackEchoServer server = LoopbackEchoServer.start(Duration.ZERO);
             LoopbackConnection c = LoopbackConnection.open(server.address())) {
            assertThatThrownBy(() -> c.send("two\nlines")).isInstanceOf(IllegalArgumentException.class);
        }
    }

    private static void waitUntilAccepted(LoopbackEchoServer server) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (server.connectionsAccepted() == 0) {
            assertThat(System.nanoTime()).as("the server accepted the connection within 10 s").isLessThan(deadline);
            Thread.sleep(1);
        }
    }
}
