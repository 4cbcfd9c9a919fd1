package dev.gillab.lock;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The interpreter's event trace: a bounded ring buffer of {@link TraceEvent}s, exportable as
 * Chrome Trace Event JSON for Perfetto ({@link #writeChromeTrace}).
 *
 * <p>Off by default, and then free: the lock checks one final boolean before building an
 * event. On, every recorder claims a sequence number with one atomic increment and then puts
 * its event in slot {@code sequence % capacity} with a compare-and-set that never replaces a
 * newer event by an older one (a recorder delayed by a whole lap of the ring must not punch a
 * hole in the kept window); nothing blocks.
 *
 * <p>Overflow: the newest {@link #capacity()} events are kept, older ones are overwritten (a
 * flight recorder: what you want is usually what happened last). {@link #dropped()} counts the
 * overwritten events. Once the recording threads are done, the kept events are exactly the
 * sequence numbers {@code recorded() - capacity() .. recorded() - 1}, with no gap; a snapshot
 * taken while threads still record skips the slots being written.
 */
public final class Trace {

    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(TraceEvent[].class);

    private final boolean enabled;
    private final String processName;
    /** {@link System#nanoTime()} when the interpreter was created: time zero of every event. */
    final long epochNanos = System.nanoTime();
    /** Empty when disabled. */
    private final TraceEvent[] slots;
    /** The next sequence number = events ever recorded. */
    private final AtomicLong next = new AtomicLong();

    Trace(boolean enabled, int capacity, String processName) {
        this.enabled = enabled;
        this.processName = processName;
        this.slots = new TraceEvent[enabled ? capacity : 0];
    }

    /** Whether events are being recorded. */
    public boolean enabled() {
        return enabled;
    }

    /** Who recorded it, e.g. "gillab interpreter (switch lock)": the process name of the Chrome trace. */
    public String processName() {
        return processName;
    }

    /** The ring buffer's size in events (0 when disabled). */
    public int capacity() {
        return slots.length;
    }

    /** Events recorded since the start, kept or not. */
    public long recorded() {
        return next.get();
    }

    /** Events overwritten by newer ones because the buffer was full. */
    public long dropped() {
        return Math.max(0, next.get() - slots.length);
    }

    /** The kept events, oldest first. */
    public List<TraceEvent> events() {
        if (!enabled) {
            return List.of();
        }
        long end = next.get();
        long start = Math.max(0, end - slots.length);
        List<TraceEvent> out = new ArrayList<>((int) (end - start));
        for (long seq = start; seq < end; seq++) {
            TraceEvent e = (TraceEvent) SLOT.getAcquire(slots, (int) (seq % slots.length));
            if (e != null && e.sequence() == seq) {
                out.add(e);
            }
        }
        return Collections.unmodifiableList(out);
    }

    /** Writes the kept events as Chrome Trace Event JSON (see {@link ChromeTraceWriter}). */
    public void writeChromeTrace(OutputStream out) throws IOException {
        ChromeTraceWriter.write(events(), processName, dropped(), out);
    }

    /** Writes the kept events as Chrome Trace Event JSON into a file (open it in ui.perfetto.dev). */
    public void writeChromeTrace(Path file) {
        try (OutputStream out = Files.newOutputStream(file)) {
            writeChromeTrace(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the trace to " + file, e);
        }
    }

    /** Records one event. Callers check {@link #enabled} first. */
    void record(long nanos, TraceEvent.Kind kind, ThreadState actor, DropKind drop, ThreadState peer) {
        publish(new TraceEvent(next.getAndIncrement(), nanos, kind, actor.id, actor.name, drop,
                peer == null ? 0 : peer.id, peer == null ? null : peer.name));
    }

    /** Puts an event whose sequence number was claimed from {@link #next} into its slot. */
    void publish(TraceEvent e) {
        long seq = e.sequence();
        int slot = (int) (seq % slots.length);
        TraceEvent old = (TraceEvent) SLOT.getAcquire(slots, slot);
        while (old == null || old.sequence() < seq) {
            TraceEvent witness = (TraceEvent) SLOT.compareAndExchangeRelease(slots, slot, old, e);
            if (witness == old) {
                return;
            }
            old = witness;
        }
        // A recorder delayed by a whole lap: a newer event owns the slot, and this one is older
        // than every kept event, so it is one of the dropped ones.
    }
}
