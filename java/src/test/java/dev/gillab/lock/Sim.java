package dev.gillab.lock;

import static org.assertj.core.api.Assertions.fail;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/** Test helpers: a tiny "interpreted" loop, attached threads, waiting with a deadline, thread dumps. */
final class Sim {

    private Sim() {
    }

    /** Sink for the interpreted loop's arithmetic, so the JIT cannot remove it. */
    static volatile long sink;

    /**
     * A CPU-bound interpreted loop: {@code polls} iterations, each a little arithmetic and one
     * eval-breaker poll at the back edge, as CPython's eval loop does.
     */
    static void interpret(Interpreter interpreter, long polls) {
        long x = 0;
        for (long i = 0; i < polls; i++) {
            x = x * 31 + i;
            interpreter.poll();
        }
        sink = x;
    }

    /** Interprets until {@code stop} is true; returns the number of polls made. */
    static long interpretUntil(Interpreter interpreter, BooleanSupplier stop) {
        long polls = 0;
        long x = 0;
        while (!stop.getAsBoolean()) {
            x = x * 31 + polls;
            interpreter.poll();
            polls++;
        }
        sink = x;
        return polls;
    }

    /**
     * Starts a daemon platform thread that runs {@code body} attached to the interpreter; failures land in
     * {@code error}.
     */
    static Thread startAttached(Interpreter interpreter, String name, Runnable body, AtomicReference<Throwable> error) {
        return start(name, interpreter.attached(body), error);
    }

    /** Starts a daemon platform thread; an uncaught failure is stored in {@code error}. */
    static Thread start(String name, Runnable body, AtomicReference<Throwable> error) {
        return Thread.ofPlatform().name(name).daemon(true).start(() -> {
            try {
                body.run();
            } catch (Throwable t) {
                error.compareAndSet(null, t);
            }
        });
    }

    /** Waits until {@code condition} holds, failing with {@code message} (and a thread dump) after {@code timeout}. */
    static void awaitTrue(BooleanSupplier condition, Duration timeout, String message) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail(message + " (waited " + timeout.toMillis() + " ms)\n" + threadDump());
            }
            Thread.onSpinWait();
            Thread.yield();
        }
    }

    /** Joins the threads, failing with a thread dump if they are not done by the deadline. */
    static void joinAll(List<Thread> threads, Duration timeout, Interpreter interpreter) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Thread t : threads) {
            long left = deadline - System.nanoTime();
            if (left > 0) {
                t.join(Duration.ofNanos(left));
            }
            if (t.isAlive()) {
                fail("thread '" + t.getName() + "' did not finish within " + timeout.toMillis()
                        + " ms: deadlock or livelock?\nlock: " + interpreter + "\n" + threadDump());
            }
        }
    }

    static void join(Thread t, Interpreter interpreter) throws InterruptedException {
        joinAll(List.of(t), Duration.ofSeconds(20), interpreter);
    }

    /** Rethrows the first failure of a helper thread. */
    static void rethrow(AtomicReference<Throwable> error) {
        Throwable t = error.get();
        if (t != null) {
            throw new AssertionError("a helper thread failed: " + t, t);
        }
    }

    /** Every platform thread's full stack, with the locks it holds and waits for. */
    static String threadDump() {
        StringBuilder b = new StringBuilder("---- thread dump ----\n");
        Map<Long, ThreadInfo> infos = new java.util.HashMap<>();
        for (ThreadInfo i : ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) {
            infos.put(i.getThreadId(), i);
        }
        List<Map.Entry<Thread, StackTraceElement[]>> all = new ArrayList<>(Thread.getAllStackTraces().entrySet());
        for (Map.Entry<Thread, StackTraceElement[]> e : all) {
            Thread t = e.getKey();
            ThreadInfo info = infos.get(t.threadId());
            b.append('"').append(t.getName()).append("\" ").append(t.getState());
            if (info != null && info.getLockName() != null) {
                b.append(" waiting for ").append(info.getLockName());
                if (info.getLockOwnerName() != null) {
                    b.append(" owned by \"").append(info.getLockOwnerName()).append('"');
                }
            }
            b.append('\n');
            for (StackTraceElement f : e.getValue()) {
                b.append("    at ").append(f).append('\n');
            }
            if (info != null) {
                for (var s : info.getLockedSynchronizers()) {
                    b.append("    holds ").append(s).append('\n');
                }
            }
        }
        return b.toString();
    }

    /** Events of one kind by one thread, in recording order. */
    static List<TraceEvent> events(List<TraceEvent> all, TraceEvent.Kind kind, String thread) {
        return all.stream().filter(e -> e.kind() == kind && e.threadName().equals(thread)).toList();
    }
}
