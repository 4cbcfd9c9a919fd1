/**
 * The lessons: each one pattern of CPython's world (a thread that holds the lock, a native call
 * that releases it, a pool, a socket, a lost update), written the broken way and the right way,
 * measured, and checked against the bands it declares.
 *
 * <p>Start with {@link dev.gillab.lesson.Catalogue}, which lists them in order; each lesson is a
 * {@link dev.gillab.lesson.Lesson} whose class comment says what it shows, what CPython does
 * (with its source) and how to run it ({@code ./gillab lesson NN}). They measure with
 * {@link dev.gillab.experiment} and run their Python programs on the stand-ins of
 * {@link dev.gillab.stdlib}.
 */
package dev.gillab.lesson.catalogue;
