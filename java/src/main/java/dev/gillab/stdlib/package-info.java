/**
 * Stand-ins for the parts of Python's standard library that the lessons' programs use, each
 * behaving towards the simulated lock as its CPython original behaves towards the GIL.
 *
 * <h2>Where to start</h2>
 * <ul>
 *   <li>Threads and their locks: {@link dev.gillab.stdlib.ThreadingLock} ({@code threading.Lock},
 *       acquired with the interpreter lock released when it must wait) and
 *       {@link dev.gillab.stdlib.SharedCounter} (a module global that {@code counter += 1}
 *       updates).</li>
 *   <li>Pools: {@link dev.gillab.stdlib.InterpreterThreadPool} ({@code ThreadPool}: threads of one
 *       interpreter) and {@link dev.gillab.stdlib.ProcessPool} ({@code multiprocessing.Pool}:
 *       worker JVMs, each with its own interpreter and lock; {@link dev.gillab.stdlib.PoolTask}s
 *       cross over {@link dev.gillab.stdlib.PoolProtocol}), and
 *       {@link dev.gillab.stdlib.InterpreterPool} ({@code InterpreterPoolExecutor}: a thread per
 *       interpreter, each with its own lock, tasks copied across with the same encoding; a
 *       {@link dev.gillab.stdlib.SharedTask}'s {@link dev.gillab.stdlib.Shareable} arguments,
 *       {@link dev.gillab.stdlib.SharedBuffer}s and {@link dev.gillab.stdlib.InterpreterQueue}s,
 *       cross without a copy).</li>
 *   <li>asyncio: {@link dev.gillab.stdlib.EventLoop} (one thread runs every
 *       {@link dev.gillab.stdlib.Task}; a task runs until it awaits; {@code to_thread} hands a call
 *       to a worker of the same interpreter), its tasks being {@link dev.gillab.stdlib.Coroutine}s.</li>
 *   <li>I/O: {@link dev.gillab.stdlib.LoopbackEchoServer} and
 *       {@link dev.gillab.stdlib.LoopbackConnection} (a server in another process and a socket to
 *       it, on 127.0.0.1 only), {@link dev.gillab.stdlib.SimulatedPrograms}
 *       ({@code subprocess.Popen}), and {@link dev.gillab.stdlib.IoBody} for thread bodies that
 *       block.</li>
 * </ul>
 * The blocking calls are plain Java; a program wraps each in
 * {@link dev.gillab.lock.Interpreter#blocking}, as CPython's C code wraps the system call in
 * {@code Py_BEGIN_ALLOW_THREADS}. The lessons, {@link dev.gillab.fidelity} and the benchmarks use
 * these same classes, and {@link dev.gillab.experiment} measures them.
 */
package dev.gillab.stdlib;
