package dev.gillab.lock;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code n} virtual threads contending for one switch-mode lock: each attaches, does five rounds
 * of interpreted work (sometimes parking while it holds the lock, as a broken extension that
 * blocks without releasing would) followed by a blocking sleep or a native-style released
 * call, and detaches. Prints {@code done <acquisitions not due to forced drops> <threads>} and exits 0
 * when every thread finished.
 * Run by {@link VirtualThreadTest}, in this JVM or in a child JVM with a one-carrier scheduler.
 */
public final class VirtualThreadContention {

    private VirtualThreadContention() {
    }

    /** Runs the contention; returns the lock's statistics. */
    static LockStats run(int threads, Duration timeout) throws InterruptedException {
        Interpreter interp = Interpreter.create(LockMode.SWITCH); // 5 ms interval
        List<Thread> started = new ArrayList<>(threads);
        for (int i = 0; i < threads; i++) {
            started.add(Thread.ofVirtual().name("v-" + i).start(interp.attached(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                for (int round = 0; round < 5; round++) {
                    Sim.interpret(interp, 200);
                    if (random.nextInt(16) == 0) {
                        // A broken extension blocking with the lock held: this virtual thread
                        // unmounts while holding it, and can only mount again if the waiters
                        // have not taken every carrier.
                        LockSupport.parkNanos(random.nextInt(10_000, 100_000));
                    }
                    if (random.nextBoolean()) {
                        try {
                            interp.sleep(Duration.ofNanos(random.nextInt(10_000, 1_000_000)));
                        } catch (InterruptedException e) {
                            throw new AssertionError(e);
                        }
                    } else {
                        interp.runReleased(() -> Sim.sink = random.nextLong());
                    }
                }
            })));
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Thread t : started) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !t.join(Duration.ofNanos(left))) {
                throw new IllegalStateException("virtual thread " + t.getName() + " did not finish within "
                        + timeout + "; lock: " + interp + "\n" + interp.stats());
            }
        }
        return interp.stats();
    }

    public static void main(String[] args) throws Exception {
        int threads = Integer.parseInt(args[0]);
        LockStats stats = run(threads, Duration.ofSeconds(Long.parseLong(args[1])));
        // acquisitions besides the re-takes after forced drops, and threads seen
        System.out.println("done " + (stats.total().acquisitions() - stats.total().forcedDrops()) + " "
                + stats.threads().size());
    }
}
