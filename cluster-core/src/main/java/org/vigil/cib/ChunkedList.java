package org.vigil.cib;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * An immutable list kept in fixed-size chunks, so that a copy with one element replaced or added copies
 * one chunk and the table of chunks instead of every element. A node's operation history is such a list:
 * each result replaces one resource's entry in a history of hundreds (a large cluster records tens of
 * thousands of results a day), and the CIB is immutable. Equal to any list with the same elements.
 */
final class ChunkedList<E> extends AbstractList<E> implements RandomAccess {
    private static final int SHIFT = 5;
    private static final int CHUNK = 1 << SHIFT;
    private static final int MASK = CHUNK - 1;

    private final Object[][] chunks;
    private final int size;

    private ChunkedList(Object[][] chunks, int size) {
        this.chunks = chunks;
        this.size = size;
    }

    /** The elements of {@code in} (none may be null), in order. */
    static <E> ChunkedList<E> copyOf(List<? extends E> in) {
        if (in instanceof ChunkedList<?>) {
            @SuppressWarnings("unchecked")
            ChunkedList<E> same = (ChunkedList<E>) in;
            return same;
        }
        Object[] all = in.toArray();
        Object[][] chunks = new Object[(all.length + MASK) >>> SHIFT][];
        for (int c = 0; c < chunks.length; c++) {
            chunks[c] = Arrays.copyOfRange(all, c << SHIFT, Math.min(all.length, (c + 1) << SHIFT));
        }
        for (Object o : all) {
            Objects.requireNonNull(o);
        }
        return new ChunkedList<>(chunks, all.length);
    }

    @Override
    @SuppressWarnings("unchecked")
    public E get(int index) {
        Objects.checkIndex(index, size);
        return (E) chunks[index >>> SHIFT][index & MASK];
    }

    @Override
    public int size() {
        return size;
    }

    /** This list with the element at {@code index} replaced. */
    ChunkedList<E> with(int index, E element) {
        Objects.checkIndex(index, size);
        Objects.requireNonNull(element);
        Object[][] table = chunks.clone();
        Object[] chunk = table[index >>> SHIFT].clone();
        chunk[index & MASK] = element;
        table[index >>> SHIFT] = chunk;
        return new ChunkedList<>(table, size);
    }

    /** This list with {@code element} added at the end. */
    ChunkedList<E> plus(E element) {
        Objects.requireNonNull(element);
        int c = size >>> SHIFT;
        Object[][] table = c < chunks.length ? chunks.clone() : Arrays.copyOf(chunks, c + 1);
        Object[] last = table[c] == null ? new Object[0] : table[c];
        Object[] chunk = Arrays.copyOf(last, (size & MASK) + 1);
        chunk[size & MASK] = element;
        table[c] = chunk;
        return new ChunkedList<>(table, size + 1);
    }
}
