/**
 * Mutual exclusion: two threads are never in the held region at once, in switch mode, in ticks
 * mode, and across the live switch of a free interpreter to a real lock. Each test increments a
 * plain shared counter inside the held region ({@link dev.gillab.jcstress.HeldCounter}); two
 * threads that count from the same value are the FORBIDDEN outcome. See
 * {@link dev.gillab.jcstress} for how the themes fit together.
 */
package dev.gillab.jcstress.mutex;
