package org.vigil.sim;

import java.time.Instant;
import java.util.Arrays;

/**
 * The event loop's pending events as a 4-ary min-heap (half the levels of a binary one, so half the moves)
 * ordered by (time, scheduling sequence). The sort keys sit in arrays of longs, so ordering touches no event
 * object; each event knows its slot, so a cancelled event leaves the heap at once instead of sitting in it
 * until its time comes. The order is a total one (sequences are unique), so which events run, and when, does
 * not depend on the heap's layout.
 */
final class EventQueue {
    /** One queued item: its time, both as an instant and as the loop's nanosecond key, and its sequence. */
    abstract static class Entry {
        final Instant when;
        final long key;
        final long seq;
        private int slot = -1;

        Entry(Instant when, long key, long seq) {
            this.when = when;
            this.key = key;
            this.seq = seq;
        }

        boolean queued() {
            return slot >= 0;
        }
    }

    private long[] keys = new long[256];
    private long[] seqs = new long[256];
    private Entry[] entries = new Entry[256];
    private int size;

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** The first entry (null when empty). */
    Entry peek() {
        return size == 0 ? null : entries[0];
    }

    void add(Entry e) {
        if (size == entries.length) {
            int n = size * 2;
            keys = Arrays.copyOf(keys, n);
            seqs = Arrays.copyOf(seqs, n);
            entries = Arrays.copyOf(entries, n);
        }
        siftUp(size++, e);
    }

    /** Takes the first entry out (null when empty). */
    Entry poll() {
        if (size == 0) {
            return null;
        }
        Entry first = entries[0];
        removeAt(0);
        return first;
    }

    /** Takes {@code e} out if it is still queued. */
    void remove(Entry e) {
        if (e.slot >= 0) {
            removeAt(e.slot);
        }
    }

    private void removeAt(int i) {
        entries[i].slot = -1;
        int last = --size;
        Entry moved = entries[last];
        entries[last] = null;
        if (i == last) {
            return;
        }
        if (i > 0 && before(moved, (i - 1) >>> 2)) {
            siftUp(i, moved);
        } else {
            siftDown(i, moved);
        }
    }

    private void place(Entry e, int i) {
        entries[i] = e;
        keys[i] = e.key;
        seqs[i] = e.seq;
        e.slot = i;
    }

    private void move(int from, int to) {
        Entry e = entries[from];
        entries[to] = e;
        keys[to] = keys[from];
        seqs[to] = seqs[from];
        e.slot = to;
    }

    /** Whether entry {@code e} comes before the one in slot {@code b}. */
    private boolean before(Entry e, int b) {
        long kb = keys[b];
        if (e.key != kb) {
            return e.key < kb;
        }
        if (kb == Long.MAX_VALUE) { // beyond the key's range: the instants decide
            int c = e.when.compareTo(entries[b].when);
            if (c != 0) {
                return c < 0;
            }
        }
        return e.seq < seqs[b];
    }

    /** Whether the entry in slot {@code a} comes before the one in slot {@code b}. */
    private boolean before(int a, int b) {
        long ka = keys[a];
        long kb = keys[b];
        if (ka != kb) {
            return ka < kb;
        }
        if (ka == Long.MAX_VALUE) {
            int c = entries[a].when.compareTo(entries[b].when);
            if (c != 0) {
                return c < 0;
            }
        }
        return seqs[a] < seqs[b];
    }

    /** Puts {@code e} into the hole at slot {@code i} or above it, moving the later parents down. */
    private void siftUp(int i, Entry e) {
        while (i > 0) {
            int parent = (i - 1) >>> 2;
            if (!before(e, parent)) {
                break;
            }
            move(parent, i);
            i = parent;
        }
        place(e, i);
    }

    /** Puts {@code e} into the hole at slot {@code i} or below it, moving the earlier children up. */
    private void siftDown(int i, Entry e) {
        while (true) {
            int first = 4 * i + 1;
            if (first >= size) {
                break;
            }
            int child = first;
            int end = Math.min(first + 4, size);
            for (int c = first + 1; c < end; c++) {
                if (before(c, child)) {
                    child = c;
                }
            }
            if (before(e, child)) {
                break;
            }
            move(child, i);
            i = child;
        }
        place(e, i);
    }
}
