package org.vigil.membership;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jgroups.Address;
import org.jgroups.BytesMessage;
import org.jgroups.JChannel;
import org.jgroups.MergeView;
import org.jgroups.Message;
import org.jgroups.Receiver;
import org.jgroups.View;
import org.jgroups.protocols.FD_ALL3;
import org.jgroups.protocols.FRAG2;
import org.jgroups.protocols.MERGE3;
import org.jgroups.protocols.TCPPING;
import org.jgroups.protocols.UNICAST3;
import org.jgroups.protocols.VERIFY_SUSPECT2;
import org.jgroups.protocols.pbcast.GMS;
import org.jgroups.protocols.pbcast.NAKACK2;
import org.jgroups.protocols.pbcast.STABLE;
import org.jgroups.stack.Protocol;
import org.jgroups.util.ExtendedUUID;
import org.jgroups.util.SocketFactory;
import org.vigil.world.Clock;

/**
 * Membership over one JGroups channel on TCP: the nodelist's addresses are the initial hosts, failure
 * detection is tuned so a crashed daemon (its sockets close) leaves the view within about a second and a
 * hung one (silent, sockets open) within about three. Views go through a {@link MembershipTracker} on one
 * event thread, which also calls the listeners.
 */
public final class JGroupsMembership implements Membership {
    /**
     * Heartbeat timeout of a silent member; plus the checking interval and verification: ~1.6-1.8 s for a
     * hang or a cut-off member (a DC cut off from the others is noticed by silence only). Six heartbeats fit
     * in the timeout, so a healthy node starved for a moment (a loaded machine) is not suspected at the first
     * late one; and a suspect is verified over both rings before the view drops it.
     */
    static final long HEARTBEAT_TIMEOUT_MS = 1200;
    static final long HEARTBEAT_INTERVAL_MS = 200;
    /** A suspect is checked once more before it is dropped; a crash (closed socket) costs this plus a view. */
    static final long VERIFY_TIMEOUT_MS = 400;
    private static final String NODE_KEY = "vigil-node";
    private static final String HELLO = "vigil-hello";
    /** JGroups' default, set here because the transport's frame limit is derived from it. */
    static final int FRAGMENT_BYTES = 60_000;
    /** How often a refusal from the same address and of the same kind is logged at most. */
    static final long REFUSAL_LOG_INTERVAL_MS = 60_000;

    /**
     * How to reach the cluster.
     *
     * @param socketFactory null for plain TCP, else the sockets (TLS) the transport must use
     * @param ring1         null for one ring, else the second ring: frames go over both
     */
    public record Settings(String self, String clusterName, InetAddress bindAddress, int port,
            List<InetSocketAddress> initialHosts, QuorumConfig quorum, SocketFactory socketFactory, Clock clock,
            SecondRing ring1) {
        public Settings {
            initialHosts = List.copyOf(initialHosts);
        }

        public Settings(String self, String clusterName, InetAddress bindAddress, int port,
                List<InetSocketAddress> initialHosts, QuorumConfig quorum, SocketFactory socketFactory, Clock clock) {
            this(self, clusterName, bindAddress, port, initialHosts, quorum, socketFactory, clock, null);
        }
    }

    /** This node's ring 1 address and every node's addresses on both rings. */
    public record SecondRing(InetAddress bindAddress, int port, List<RingTransport.Peer> peers) {
        public SecondRing {
            peers = List.copyOf(peers);
        }
    }

    private final Settings settings;
    private final JChannel channel;
    private final MembershipTracker tracker;
    private final ScheduledExecutorService events;
    private final List<MembershipListener> listeners = new CopyOnWriteArrayList<>();
    private final List<java.util.function.BiConsumer<String, byte[]>> messageListeners = new CopyOnWriteArrayList<>();
    /** The current view's members by node name, to address unicasts. */
    private volatile java.util.Map<String, Address> addresses = java.util.Map.of();
    private final Consumer<String> log;
    private final RefusalLog refusals;
    private volatile MembershipView current;
    private ScheduledFuture<?> tick;

    private JGroupsMembership(Settings settings, Consumer<String> log) throws Exception {
        this.settings = settings;
        this.log = log;
        this.tracker = new MembershipTracker(settings.self(), settings.quorum());
        this.events = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "vigil-membership-" + settings.self());
            t.setDaemon(true);
            return t;
        });
        this.refusals = new RefusalLog(log, REFUSAL_LOG_INTERVAL_MS, System::currentTimeMillis);
        this.channel = new JChannel(stack(settings, refusals));
        channel.name(settings.self());
        channel.addAddressGenerator(() -> ExtendedUUID.randomUUID(settings.self())
                .put(NODE_KEY, settings.self().getBytes(StandardCharsets.UTF_8)));
        channel.setReceiver(new Receiver() {
            @Override
            public void viewAccepted(View view) {
                java.util.Map<String, Address> byName = new java.util.HashMap<>();
                for (Address a : view.getMembers()) {
                    byName.put(nameOf(a), a);
                }
                addresses = java.util.Map.copyOf(byName);
                TransportViewOf t = new TransportViewOf(view);
                submit(() -> installed(t.view));
            }

            @Override
            public void receive(Message msg) {
                MembershipTracker.Hello hello = parseHello(msg);
                if (hello != null) {
                    submit(() -> {
                        if (tracker.helloReceived(hello)) {
                            publish();
                        }
                    });
                } else if (msg instanceof BytesMessage && msg.getSrc() != null) {
                    String from = nameOf(msg.getSrc());
                    byte[] payload = java.util.Arrays.copyOfRange(msg.getArray(), msg.getOffset(),
                            msg.getOffset() + msg.getLength());
                    for (java.util.function.BiConsumer<String, byte[]> l : messageListeners) {
                        l.accept(from, payload);
                    }
                }
            }
        });
    }

    /** Joins the cluster (or forms it, when no other node answers); returns once the first view is in. */
    public static JGroupsMembership start(Settings settings, Consumer<String> log) throws Exception {
        JGroupsMembership m = create(settings, log);
        m.connect();
        return m;
    }

    /**
     * Sets up the channel without joining, so listeners can be added first: a node's daemon must hear
     * every message sent to it from its first view on.
     */
    public static JGroupsMembership create(Settings settings, Consumer<String> log) throws Exception {
        return new JGroupsMembership(settings, log);
    }

    /** Joins the cluster (or forms it); returns once the first view is in. */
    public void connect() throws Exception {
        try {
            channel.connect(settings.clusterName());
        } catch (Exception e) {
            close();
            throw e;
        }
    }

    static List<Protocol> stack(Settings s, RefusalLog refusals) {
        RingTransport tcp = s.ring1() == null
                ? new RingTransport(null, 0, List.of(), GuardedTcpServer.Limits.DEFAULT, refusals)
                : new RingTransport(s.ring1().bindAddress(), s.ring1().port(), s.ring1().peers(),
                        GuardedTcpServer.Limits.DEFAULT, refusals);
        tcp.setBindAddress(s.bindAddress());
        tcp.setBindPort(s.port());
        tcp.setPortRange(0);
        tcp.setSockConnTimeout(500);
        // the same bound as the frame reader's, for any path that still reads a length itself
        tcp.setMaxLength(GuardedTcpServer.Limits.DEFAULT.maxFrame());
        tcp.setPeerAddrReadTimeout(GuardedTcpServer.Limits.DEFAULT.handshakeMs());
        tcp.logDetails(false);
        if (s.socketFactory() != null) {
            tcp.setSocketFactory(s.socketFactory());
        }
        TCPPING ping = new TCPPING();
        ping.initialHosts(s.initialHosts());
        ping.portRange(0);
        MERGE3 merge = new MERGE3().setMinInterval(1000).setMaxInterval(2000).setCheckInterval(3000);
        FD_ALL3 fdAll = new FD_ALL3().setTimeout(HEARTBEAT_TIMEOUT_MS).setInterval(HEARTBEAT_INTERVAL_MS);
        VERIFY_SUSPECT2 verify = new VERIFY_SUSPECT2().setTimeout(VERIFY_TIMEOUT_MS);
        NAKACK2 nakack = new NAKACK2().setXmitInterval(200);
        nakack.setValue("use_mcast_xmit", false);
        UNICAST3 unicast = new UNICAST3();
        unicast.setValue("xmit_interval", 200L);
        STABLE stable = new STABLE();
        GMS gms = new GMS().setJoinTimeout(1000).setViewAckCollectionTimeout(500).setMaxJoinAttempts(3);
        gms.setValue("print_local_addr", false);
        FRAG2 frag = new FRAG2();
        frag.setFragSize(FRAGMENT_BYTES);
        // no FD_SOCK2: it listened on an unauthenticated port (ring 0 only) and read lengths from anyone;
        // RingTransport suspects a member whose authenticated connections close, FD_ALL3 one that is silent
        return new ArrayList<>(List.of(tcp, ping, merge, fdAll, verify, nakack, unicast, stable, gms, frag));
    }

    /** Reads a view's members as node names (the address carries the name, so no lookup can miss). */
    private static final class TransportViewOf {
        final MembershipTracker.TransportView view;

        TransportViewOf(View v) {
            List<List<String>> subgroups = new ArrayList<>();
            if (v instanceof MergeView mv) {
                for (View sub : mv.getSubgroups()) {
                    subgroups.add(names(sub.getMembers()));
                }
            }
            view = new MembershipTracker.TransportView(v.getViewId().getId(), names(v.getMembers()), subgroups);
        }
    }

    static List<String> names(List<Address> addresses) {
        List<String> out = new ArrayList<>();
        for (Address a : addresses) {
            out.add(nameOf(a));
        }
        return out;
    }

    static String nameOf(Address a) {
        if (a instanceof ExtendedUUID e) {
            byte[] name = e.get(NODE_KEY);
            if (name != null) {
                return new String(name, StandardCharsets.UTF_8);
            }
        }
        return String.valueOf(a);
    }

    private void installed(MembershipTracker.TransportView view) {
        MembershipTracker.Hello hello = tracker.viewInstalled(view, settings.clock().now());
        publish();
        if (current.evicted()) {
            log.accept("evicted: the other nodes had excluded " + settings.self() + " (merge of " + view.subgroups()
                    + "); its state is stale");
        }
        byte[] payload = (HELLO + " " + hello.viewId() + " " + (hello.knownDc() == null ? "-" : hello.knownDc()))
                .getBytes(StandardCharsets.UTF_8);
        try {
            channel.send(new BytesMessage(null, payload));
        } catch (Exception e) {
            log.accept("cannot send hello for view " + view.id() + ": " + e.getMessage());
        }
        scheduleTick();
    }

    private static MembershipTracker.Hello parseHello(Message msg) {
        if (!(msg instanceof BytesMessage) || msg.getSrc() == null || msg.getLength() == 0
                || msg.getArray()[msg.getOffset()] != HELLO.charAt(0)) {
            return null;
        }
        String[] parts = new String(msg.getArray(), msg.getOffset(), msg.getLength(), StandardCharsets.UTF_8)
                .split(" ");
        if (parts.length != 3 || !parts[0].equals(HELLO)) {
            return null;
        }
        try {
            return new MembershipTracker.Hello(Long.parseLong(parts[1]), nameOf(msg.getSrc()),
                    parts[2].equals("-") ? null : parts[2]);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** JGroups still calls in while the channel closes; by then nobody listens. */
    private void submit(Runnable task) {
        try {
            events.execute(task);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // shutting down
        }
    }

    private void scheduleTick() {
        if (tick != null) {
            tick.cancel(false);
            tick = null;
        }
        tracker.nextDeadline().ifPresent(at -> {
            long delay = Math.max(0, at.toEpochMilli() - settings.clock().now().toEpochMilli());
            tick = events.schedule(() -> {
                tick = null;
                if (tracker.tick(settings.clock().now())) {
                    publish();
                }
                scheduleTick();
            }, delay, TimeUnit.MILLISECONDS);
        });
    }

    private void publish() {
        current = tracker.current();
        for (MembershipListener l : listeners) {
            try {
                l.changed(current);
            } catch (RuntimeException e) {
                log.accept("membership listener failed: " + e);
            }
        }
    }

    @Override
    public MembershipView current() {
        return current;
    }

    @Override
    public void addListener(MembershipListener listener) {
        listeners.add(listener);
    }

    /**
     * Receives the daemons' own messages (everything but the membership's hellos), with the sender's node
     * name, on JGroups' delivery thread: messages from one sender arrive in the order it sent them.
     */
    public void addMessageListener(java.util.function.BiConsumer<String, byte[]> listener) {
        messageListeners.add(listener);
    }

    /**
     * Sends a message reliably, in order per sender: to one member, or to every member (itself included)
     * when {@code node} is null. Returns false when the node is not in the current view or the channel
     * is closed: the caller's protocol decides what that means.
     */
    public boolean send(String node, byte[] payload) {
        Address to = null;
        if (node != null) {
            to = addresses.get(node);
            if (to == null) {
                return false;
            }
        }
        try {
            channel.send(new BytesMessage(to, payload));
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    /** Per ring, when each peer was last heard on it; empty with a single ring. */
    public List<RingTransport.RingStatus> ringStatus() {
        Protocol transport = channel.getProtocolStack().getTransport();
        return transport instanceof RingTransport r ? r.status() : List.of();
    }

    /** How far back the ring report looks for refusals: a few of the peers' connection attempts. */
    static final long REFUSALS_REPORTED_MS = 30_000;

    /**
     * corosync-cfgtool -s style lines: each ring's state towards the view's members, the peers this node
     * cannot authenticate with (it is then isolated, whatever its own view says) and the addresses it refused.
     */
    public List<String> ringReport(java.time.Instant now, java.time.Duration faultAfter) {
        MembershipView v = current;
        return RingReport.lines(settings.self(), v == null ? List.of(settings.self()) : v.members(), ringStatus(),
                refusals.recent(REFUSALS_REPORTED_MS), now, faultAfter);
    }

    /** For tests: the channel, to insert fault injection. */
    JChannel channel() {
        return channel;
    }

    /** For tests: stops dead, without telling anyone (as a killed process or a power cut would). */
    void crash() {
        try {
            org.jgroups.util.Util.shutdown(channel);
        } catch (Exception e) {
            // already down
        }
        events.shutdownNow();
    }

    @Override
    public void close() {
        channel.close();
        events.shutdown();
        try {
            events.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
