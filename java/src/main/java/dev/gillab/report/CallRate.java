package dev.gillab.report;

/**
 * How many calls of one kernel per second a way of running it made, all threads together.
 *
 * @param kernel        the kernel's id, e.g. {@code pi}
 * @param binding       the binding's id; {@code java-locked} for interpreted Java under the lock
 * @param lock          what the call does with the lock: {@code hold} or {@code release}
 * @param threads       how many threads called
 * @param callsPerSecond calls per second, summed over the threads
 */
public record CallRate(String kernel, String binding, String lock, int threads, double callsPerSecond) {
}
