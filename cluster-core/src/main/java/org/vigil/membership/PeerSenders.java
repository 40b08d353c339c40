package org.vigil.membership;

import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * One sender thread and one bounded queue per ring and destination. A peer that stopped reading (hung, its
 * socket buffers full) or a link whose connects and handshakes run into their timeouts then holds up only
 * the frames for that peer on that ring: with a sender per ring, a hung third node stopped every frame on
 * the ring and healthy peers looked silent to each other. A full queue drops frames; the reliable layers
 * above retransmit.
 */
final class PeerSenders {
    /** Destinations with a queue at most: more are only reachable through addresses learned from peers. */
    static final int MAX_DESTINATIONS = 256;

    private record Key(int ring, Object destination) {}

    private final int capacity;
    private final Map<Key, ThreadPoolExecutor> queues = new ConcurrentHashMap<>();
    private volatile boolean closed;

    PeerSenders(int capacity) {
        this.capacity = capacity;
    }

    /** Queues a send; false when it was dropped (queue full, too many destinations, or shut down). */
    boolean submit(int ring, Object destination, Runnable send) {
        if (closed) {
            return false;
        }
        Key key = new Key(ring, destination);
        ThreadPoolExecutor q = queues.get(key);
        if (q == null) {
            if (queues.size() >= MAX_DESTINATIONS) {
                return false;
            }
            q = queues.computeIfAbsent(key, k -> executor("vigil-ring" + ring + "-to-" + destination));
        }
        try {
            q.execute(send);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    void shutdown() {
        closed = true;
        queues.values().forEach(ThreadPoolExecutor::shutdownNow);
        queues.clear();
    }

    private ThreadPoolExecutor executor(String name) {
        ThreadPoolExecutor e = new ThreadPoolExecutor(1, 1, 10, TimeUnit.SECONDS, new ArrayBlockingQueue<>(capacity),
                r -> {
                    Thread t = new Thread(r, name);
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.AbortPolicy());
        // an idle destination costs no thread
        e.allowCoreThreadTimeOut(true);
        return e;
    }
}
