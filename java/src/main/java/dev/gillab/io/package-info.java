/**
 * What the I/O lessons wait on, kept on this machine: the other end of their blocking calls.
 *
 * <ul>
 *   <li>{@link dev.gillab.io.LoopbackEchoServer}: a TCP server on 127.0.0.1 that echoes each
 *       line after a set delay, one thread per connection: the remote web service or peer.</li>
 *   <li>{@link dev.gillab.io.LoopbackConnection}: its client end, one blocking call per method
 *       (open, send, receive), so that each can be wrapped in
 *       {@link dev.gillab.lock.Interpreter#blocking}; loopback addresses only.</li>
 *   <li>{@link dev.gillab.io.SimulatedPrograms}: external programs that run for a set time and
 *       signal their exit on a latch, counting how many ran at once.</li>
 *   <li>{@link dev.gillab.io.IoBody}: a simulated thread's body that may throw
 *       {@code IOException} and {@code InterruptedException}, adapted for
 *       {@link dev.gillab.lesson.ThreadedRun}.</li>
 * </ul>
 *
 * Nothing here is attached to an interpreter: the servers, connections' peers and programs
 * stand for other processes. The lessons decide which calls release the lock.
 */
package dev.gillab.io;
