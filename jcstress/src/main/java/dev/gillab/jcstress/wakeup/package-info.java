/**
 * No lost wake-up: a thread waiting for the lock is woken by the release, not by its time-out.
 * See {@link dev.gillab.jcstress}.
 */
package dev.gillab.jcstress.wakeup;
