package org.vigil.cib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class ChunkedListTest {

    /** Each step either replaces an element (at step % size) or appends one; the list follows a plain one. */
    @Property(tries = 300)
    void replacingAndAppendingMatchAPlainList(@ForAll @IntRange(min = 0, max = 140) int initial,
            @ForAll @Size(max = 80) List<@IntRange(min = -1, max = 300) Integer> steps) {
        List<String> model = new ArrayList<>();
        for (int i = 0; i < initial; i++) {
            model.add("e" + i);
        }
        ChunkedList<String> list = ChunkedList.copyOf(model);
        List<ChunkedList<String>> versions = new ArrayList<>();
        List<List<String>> expected = new ArrayList<>();
        for (int s : steps) {
            if (s < 0 || model.isEmpty()) {
                model.add("added" + model.size());
                list = list.plus("added" + (list.size()));
            } else {
                int at = s % model.size();
                model.set(at, "set" + s);
                list = list.with(at, "set" + s);
            }
            versions.add(list);
            expected.add(List.copyOf(model));
        }
        assertEquals(List.copyOf(model), list);
        assertEquals(List.copyOf(model).hashCode(), list.hashCode());
        for (int i = 0; i < versions.size(); i++) {
            assertEquals(expected.get(i), versions.get(i), "an older version changed");
        }
    }

    @Test
    void anLrmEditedThroughItsChunksEqualsOneBuiltFromAPlainList() {
        List<LrmResource> entries = new ArrayList<>();
        for (int i = 0; i < 70; i++) {
            entries.add(new LrmResource("r" + i, "ocf", "heartbeat", "Dummy", null, List.of()));
        }
        Lrm lrm = new Lrm("n1", null, null, entries);
        LrmResource changed = new LrmResource("r40", "ocf", "pacemaker", "Stateful", null, List.of());
        LrmResource added = new LrmResource("r70", "ocf", "heartbeat", "Dummy", null, List.of());

        Lrm edited = lrm.withResource(40, changed).plusResource(added);

        entries.set(40, changed);
        entries.add(added);
        assertEquals(new Lrm("n1", null, null, entries), edited);
        assertEquals(new Lrm("n1", null, null, entries).hashCode(), edited.hashCode());
        assertThrows(UnsupportedOperationException.class, () -> edited.resources().set(0, added));
        assertThrows(IndexOutOfBoundsException.class, () -> lrm.withResource(70, added));
    }
}
