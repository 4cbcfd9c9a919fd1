/**
 * Concurrency stress tests of the simulated interpreter lock ({@link dev.gillab.lock.Interpreter}),
 * run by jcstress: each test runs its actors against each other millions of times, on fresh
 * state each time, under every JIT compilation mode, and counts the outcomes it sees.
 *
 * <h2>The themes</h2>
 * <ul>
 *   <li>{@code mutex}: two threads are never in the held region at once, in switch mode (drop
 *       requests and forced switching), in ticks mode (a forced release at every poll), and
 *       across the live switch of a free interpreter to a real lock (an undeclared extension
 *       stops the world while threads run).</li>
 *   <li>{@code visibility}: what a thread wrote while it held the lock is visible to the next
 *       thread that takes it, through a release and re-take.</li>
 *   <li>{@code wakeup}: a thread waiting for the lock is woken by the release; it does not sleep
 *       until its time-out.</li>
 * </ul>
 *
 * <h2>What a result means</h2>
 * The tests are probabilistic: a FORBIDDEN outcome seen once is a bug; none seen is evidence,
 * not a proof. The lock's uncontended fast path (one compare-and-set each way, see
 * {@code CondvarGil}) is where a lost wake-up or a missing happens-before edge would hide, so
 * the actors mix attach/detach (slow path: a new thread state), release/re-take (fast path when
 * nobody is queued) and polls (forced drops).
 *
 * <p>Run: {@code jcstress/run-bounded} (the CI run), or {@code java -jar jcstress/target/jcstress.jar -t Mutex}.
 */
package dev.gillab.jcstress;
