/**
 * Visibility: what a thread wrote while it held the lock is seen by the next thread that takes
 * it, through a release and re-take on the lock's fast path. See {@link dev.gillab.jcstress}.
 */
package dev.gillab.jcstress.visibility;
