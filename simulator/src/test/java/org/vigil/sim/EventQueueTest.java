package org.vigil.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** The heap gives entries back in (time, sequence) order, whatever was added and removed in between. */
class EventQueueTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static final class Item extends EventQueue.Entry {
        Item(Instant when, long key, long seq) {
            super(when, key, seq);
        }
    }

    private static final Comparator<Item> ORDER = Comparator.comparing((Item i) -> i.when)
            .thenComparingLong(i -> i.seq);

    /**
     * Each step: 0-5 add an entry at one of a few times (some far beyond the key's range, where the key is
     * saturated), 6-7 remove a random queued entry, 8-9 take the first.
     */
    @Property(tries = 300)
    void entriesComeOutInTimeThenSequenceOrder(@ForAll @Size(max = 400) List<@IntRange(min = 0, max = 9) Integer> steps,
            @ForAll @Size(min = 400, max = 400) List<@IntRange(min = 0, max = 1_000) Integer> picks) {
        EventQueue queue = new EventQueue();
        TreeSet<Item> expected = new TreeSet<>(ORDER);
        List<Item> queued = new ArrayList<>();
        long seq = 0;
        for (int s = 0; s < steps.size(); s++) {
            int step = steps.get(s);
            int pick = picks.get(s);
            if (step <= 5) {
                boolean far = pick % 7 == 0;
                Instant when = far ? T0.plusSeconds(10_000_000_000L + pick % 3) : T0.plusNanos(pick % 50);
                Item item = new Item(when, far ? Long.MAX_VALUE : pick % 50, seq++);
                queue.add(item);
                expected.add(item);
                queued.add(item);
            } else if (step <= 7 && !queued.isEmpty()) {
                Item item = queued.remove(pick % queued.size());
                queue.remove(item);
                queue.remove(item); // a second cancel does nothing
                expected.remove(item);
                assertFalse(item.queued());
            } else {
                Item first = (Item) queue.poll();
                assertEquals(expected.pollFirst(), first);
                queued.remove(first);
            }
            assertEquals(expected.size(), queue.size());
            assertEquals(expected.isEmpty() ? null : expected.first(), queue.peek());
        }
        while (!expected.isEmpty()) {
            assertEquals(expected.pollFirst(), queue.poll());
        }
        assertNull(queue.poll());
    }

    @Test
    void sameTimeComesOutInSequenceOrder() {
        EventQueue queue = new EventQueue();
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            Item item = new Item(T0, 0, i);
            items.add(item);
        }
        for (int i = items.size() - 1; i >= 0; i--) {
            queue.add(items.get(i));
        }
        for (Item item : items) {
            assertEquals(item, queue.poll());
        }
    }
}
