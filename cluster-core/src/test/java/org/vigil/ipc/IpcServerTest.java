package org.vigil.ipc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vigil.cib.Cib;
import org.vigil.cib.CibVersion;

class IpcServerTest {
    private Path dir;
    private Path socket;
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private final RecordingService service = new RecordingService();
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        // Unix socket paths are limited to ~107 bytes: stay short, under /tmp
        dir = Files.createTempDirectory(Path.of("/tmp"), "ipc");
        socket = dir.resolve("run/v.sock");
    }

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private IpcServer start(IpcServer.Config config) throws IOException {
        IpcServer s = IpcServer.start(config.withLog(log::add), service);
        toClose.add(s);
        return s;
    }

    private IpcClient client() {
        return new IpcClient(socket, Duration.ofSeconds(2), Duration.ofSeconds(5));
    }

    private String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void socketWithoutGroupIsOwnerOnlyAndItsNewDirectoryClosedToOthers() throws Exception {
        start(IpcServer.Config.of(socket));
        assertEquals("rw-------", mode(socket));
        assertEquals("rwxr-x---", mode(socket.getParent()));
    }

    @Test
    void socketWithGroupIsGroupReadableAndOwnedByTheGroup() throws Exception {
        String group = Files.readAttributes(dir, PosixFileAttributes.class).group().getName();
        start(IpcServer.Config.of(socket).withGroup(group));
        assertEquals("rw-rw----", mode(socket));
        assertEquals(group, Files.readAttributes(socket, PosixFileAttributes.class).group().getName());
    }

    @Test
    void unknownGroupIsRefusedAtStart() {
        IOException e = assertThrows(IOException.class,
                () -> start(IpcServer.Config.of(socket).withGroup("no-such-group-vigil")));
        assertEquals("IPC group no-such-group-vigil does not exist", e.getMessage());
    }

    @Test
    void staleSocketOfADeadDaemonIsReplaced() throws Exception {
        Files.createDirectories(socket.getParent());
        try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            dead.bind(UnixDomainSocketAddress.of(socket));
        } // closed without removing the file, as a killed daemon leaves it
        assertTrue(Files.exists(socket));
        start(IpcServer.Config.of(socket));
        assertEquals("node1", client().state().localNode());
        assertTrue(log.stream().anyMatch(l -> l.contains("removed the stale IPC socket")), log.toString());
    }

    @Test
    void socketSomebodyListensOnIsNotTakenOver() throws Exception {
        Files.createDirectories(socket.getParent());
        try (ServerSocketChannel other = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            other.bind(UnixDomainSocketAddress.of(socket));
            IOException e = assertThrows(IOException.class, () -> start(IpcServer.Config.of(socket)));
            assertEquals("another vigild is already listening on " + socket, e.getMessage());
            assertTrue(Files.exists(socket), "the live socket stays");
        }
    }

    @Test
    void secondServerOnTheSameSocketIsRefusedAndTheFirstKeepsServing() throws Exception {
        start(IpcServer.Config.of(socket));
        IOException e = assertThrows(IOException.class, () -> start(IpcServer.Config.of(socket)));
        assertTrue(e.getMessage().contains("another vigild"), e.getMessage());
        assertEquals("node1", client().state().localNode());
    }

    @Test
    void regularFileAtTheSocketPathIsNotDeleted() throws Exception {
        Files.createDirectories(socket.getParent());
        Files.writeString(socket, "precious");
        IOException e = assertThrows(IOException.class, () -> start(IpcServer.Config.of(socket)));
        assertTrue(e.getMessage().contains("is not a socket"), e.getMessage());
        assertEquals("precious", Files.readString(socket));
    }

    @Test
    void closingRemovesTheSocketAndStopsItsThreads() throws Exception {
        IpcServer s = start(IpcServer.Config.of(socket));
        client().state();
        s.close();
        assertFalse(Files.exists(socket));
        Thread.sleep(50);
        assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().startsWith("vigil-ipc")
                && t.isAlive()), "no IPC thread left");
        ServiceException e = assertThrows(ServiceException.class, () -> client().cib());
        assertEquals(ServiceException.Kind.UNAVAILABLE, e.kind());
    }

    @Test
    void everyOperationRoundTrips() throws Exception {
        start(IpcServer.Config.of(socket));
        IpcClient c = client();
        Cib before = c.cib();
        Cib proposed = before.withAttribute("validate-with", "pacemaker-3.9");
        Cib committed = c.commit(proposed, before.version());
        assertEquals(before.version().nextEpoch(), committed.version());
        assertEquals("pacemaker-3.9", c.cib().attribute("validate-with"));
        assertEquals(service.state, c.state());
        FenceOutcome f = c.fence("node3", "off", Duration.ofSeconds(7));
        assertEquals(new FenceOutcome("node3", "off", FenceOutcome.Status.DONE, "fence_dev", "node1",
                Instant.parse("2026-11-22T04:00:00Z"), ""), f);
        assertEquals(List.of("node3 off 7000"), service.fenced);
    }

    @Test
    void stateWithoutDcAndWithPendingFencingRoundTrips() throws Exception {
        service.state = new ClusterState("n1", null, false, 1, 2, List.of("n1"), List.of("x9"),
                List.of("ring 0: active with no faults", "ring 1: FAULTY: n2 silent for 12 s"),
                List.of(new FenceOutcome("n2", "reboot", FenceOutcome.Status.PENDING, null, "n1", null, null)), "v");
        start(IpcServer.Config.of(socket));
        assertEquals(service.state, client().state());
    }

    @Test
    void daemonRefusalsArriveWithTheirKindAndMessage() throws Exception {
        start(IpcServer.Config.of(socket));
        ServiceException e = assertThrows(ServiceException.class,
                () -> client().commit(Cib.empty(), new CibVersion(0, 41, 0)));
        assertEquals(ServiceException.Kind.CONFLICT, e.kind());
        assertTrue(e.getMessage().startsWith("the CIB changed meanwhile"), e.getMessage());
        ServiceException r = assertThrows(ServiceException.class,
                () -> client().fence("ghost", "reboot", Duration.ofSeconds(1)));
        assertEquals(ServiceException.Kind.REJECTED, r.kind());
        assertEquals("node ghost is not in the cluster", r.getMessage());
    }

    @Test
    void requestLargerThanTheCapIsRefusedWithAnAnswer() throws Exception {
        start(IpcServer.Config.of(socket).withMaxRequestBytes(4096));
        Cib big = Cib.empty().withAttribute("padding", "x".repeat(100_000));
        ServiceException e = assertThrows(ServiceException.class, () -> client().commit(big, CibVersion.ZERO));
        assertEquals(ServiceException.Kind.BAD_REQUEST, e.kind());
        assertEquals("request larger than 4096 bytes; refused", e.getMessage());
        assertTrue(service.commitsBasedOn.isEmpty(), "nothing reached the daemon");
    }

    @Test
    void malformedJsonGetsAnErrorAnswerAndTheConnectionStaysUsable() throws Exception {
        start(IpcServer.Config.of(socket));
        try (LineChannel lc = new LineChannel(SocketChannel.open(UnixDomainSocketAddress.of(socket)))) {
            Duration t = Duration.ofSeconds(5);
            lc.writeLine("{\"v\":1,\"op\":", t);
            JsonNode bad = Protocol.JSON.readTree(lc.readLine(1 << 20, t));
            assertFalse(bad.get("ok").asBoolean());
            assertEquals("BAD_REQUEST", bad.get("kind").asText());
            assertTrue(bad.get("message").asText().startsWith("the request is not valid JSON"), bad.toString());

            lc.writeLine("{\"v\":1,\"op\":\"reboot-everything\"}", t);
            assertEquals("unknown op 'reboot-everything' (expected cib, commit, state, fence, history, transition)",
                    Protocol.JSON.readTree(lc.readLine(1 << 20, t)).get("message").asText());

            lc.writeLine("{\"v\":2,\"op\":\"state\"}", t);
            assertEquals("protocol version 2 not supported; this vigild speaks version 1",
                    Protocol.JSON.readTree(lc.readLine(1 << 20, t)).get("message").asText());

            lc.writeLine("{\"v\":1,\"op\":\"fence\",\"node\":\"n\",\"action\":\"explode\",\"timeoutMs\":5}", t);
            assertEquals("fence action must be reboot or off, not explode",
                    Protocol.JSON.readTree(lc.readLine(1 << 20, t)).get("message").asText());

            lc.writeLine("{\"v\":1,\"op\":\"state\"}", t);
            JsonNode ok = Protocol.JSON.readTree(lc.readLine(1 << 20, t));
            assertTrue(ok.get("ok").asBoolean(), ok.toString());
            assertEquals("node1", ok.get("state").get("localNode").asText());
        }
    }

    @Test
    void slowClientIsDisconnectedAfterTheReadTimeout() throws Exception {
        start(IpcServer.Config.of(socket).withReadTimeout(Duration.ofMillis(200)));
        try (LineChannel lc = new LineChannel(SocketChannel.open(UnixDomainSocketAddress.of(socket)))) {
            lc.channel().write(java.nio.ByteBuffer.wrap("{\"v\":1,".getBytes()));
            assertNull(lc.readLine(1024, Duration.ofSeconds(3)), "closed without an answer");
        }
    }

    @Test
    void peerTheServerDoesNotAllowIsToldAndLogged() throws Exception {
        toClose.add(IpcServer.start(IpcServer.Config.of(socket).withLog(log::add), service, p -> false,
                "root and user vigil"));
        ServiceException e = assertThrows(ServiceException.class, () -> client().state());
        assertEquals(ServiceException.Kind.ACCESS_DENIED, e.kind());
        String me = System.getProperty("user.name");
        assertTrue(e.getMessage().startsWith("access denied: vigild accepts root and user vigil; you are user " + me),
                e.getMessage());
        assertTrue(log.stream().anyMatch(l -> l.startsWith("IPC access denied to user " + me)), log.toString());
    }

    @Test
    void connectionFromTheDaemonsOwnUserPassesTheRealPeerCheck() throws Exception {
        // the production policy, with the kernel's credentials of this very process
        start(IpcServer.Config.of(socket));
        assertEquals("node1", client().state().localNode());
        assertTrue(log.isEmpty(), log.toString());
    }

    @Test
    void missingSocketTellsTheUserAboutOfflineMode() {
        ServiceException e = assertThrows(ServiceException.class, () -> client().cib());
        assertEquals(ServiceException.Kind.UNAVAILABLE, e.kind());
        assertEquals("vigild is not running on this node (no socket at " + socket + "); set CIB_file=/path/to/cib.xml"
                + " to work on a CIB file (offline mode)", e.getMessage());
    }

    @Test
    void staleSocketWithoutDaemonIsReportedAsNotRunning() throws Exception {
        Files.createDirectories(socket.getParent());
        try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            dead.bind(UnixDomainSocketAddress.of(socket));
        }
        ServiceException e = assertThrows(ServiceException.class, () -> client().cib());
        assertEquals(ServiceException.Kind.UNAVAILABLE, e.kind());
        assertTrue(e.getMessage().startsWith("vigild is not running on this node (nothing listens on"), e.getMessage());
    }

    @Test
    void daemonClosingWithoutAnAnswerIsAProtocolError() throws Exception {
        Files.createDirectories(socket.getParent());
        try (ServerSocketChannel rude = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            rude.bind(UnixDomainSocketAddress.of(socket));
            Thread t = new Thread(() -> {
                try (SocketChannel c = rude.accept()) {
                    c.read(java.nio.ByteBuffer.allocate(100));
                } catch (IOException e) {
                    // test peer
                }
            });
            t.start();
            ServiceException e = assertThrows(ServiceException.class, () -> client().state());
            t.join();
            assertEquals(ServiceException.Kind.PROTOCOL, e.kind());
            assertTrue(e.getMessage().startsWith("vigild closed the connection without answering"), e.getMessage());
        }
    }

    @Test
    void malformedAnswerIsNamedAsSuch() throws Exception {
        Files.createDirectories(socket.getParent());
        try (ServerSocketChannel odd = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            odd.bind(UnixDomainSocketAddress.of(socket));
            Thread t = new Thread(() -> {
                try (SocketChannel c = odd.accept()) {
                    c.read(java.nio.ByteBuffer.allocate(100));
                    c.write(java.nio.ByteBuffer.wrap("HTTP/1.1 400 Bad Request\n".getBytes()));
                } catch (IOException e) {
                    // test peer
                }
            });
            t.start();
            ServiceException e = assertThrows(ServiceException.class, () -> client().state());
            t.join();
            assertEquals(ServiceException.Kind.PROTOCOL, e.kind());
            assertTrue(e.getMessage().startsWith("malformed answer from vigild: vigild's answer is not valid JSON"),
                    e.getMessage());
        }
    }

    @Test
    void concurrentClientsAreAllServedByAtMostTheConfiguredThreads() throws Exception {
        java.util.concurrent.atomic.AtomicInteger inside = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger most = new java.util.concurrent.atomic.AtomicInteger();
        DaemonService slow = new DaemonService() {
            @Override
            public Cib cib() {
                return Cib.empty();
            }

            @Override
            public Cib commit(Cib proposed, CibVersion basedOn) {
                return proposed;
            }

            @Override
            public ClusterState state() {
                most.accumulateAndGet(inside.incrementAndGet(), Math::max);
                try {
                    Thread.sleep(30);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                inside.decrementAndGet();
                return service.state;
            }

            @Override
            public FenceOutcome fence(String node, String action, Duration timeout) {
                throw new AssertionError("this test only asks for the state");
            }
        };
        toClose.add(IpcServer.start(IpcServer.Config.of(socket).withLog(log::add), slow));
        java.util.concurrent.ExecutorService clients = java.util.concurrent.Executors.newFixedThreadPool(12);
        try {
            List<java.util.concurrent.Future<ClusterState>> answers = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                answers.add(clients.submit(() -> client().state()));
            }
            for (var a : answers) {
                assertEquals("node1", a.get(10, java.util.concurrent.TimeUnit.SECONDS).localNode());
            }
        } finally {
            clients.shutdownNow();
        }
        assertTrue(most.get() >= 2, "served in parallel: " + most.get());
        assertTrue(most.get() <= 4, "never more than the pool's 4 threads: " + most.get());
    }

    @Test
    void bigCibTravelsBothWaysIntact() throws Exception {
        start(IpcServer.Config.of(socket));
        // one tag may hold at most 4 MiB (the XML reader's longest run without markup): 3 MiB in one attribute
        Cib big = Cib.empty().withAttribute("padding", "x".repeat(3 << 20) + "\u00e9\n<&>");
        long t0 = System.nanoTime();
        client().commit(big, CibVersion.ZERO);
        Cib back = client().cib();
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(big.attribute("padding"), back.attribute("padding"));
        System.out.println("IPC: 3 MiB CIB committed and read back in " + ms + " ms");
    }

    /** A raw connection that says something (or nothing) and then stops: a stuck script. */
    private SocketChannel stalled(String sent) throws IOException {
        SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(socket));
        toClose.add(ch);
        if (!sent.isEmpty()) {
            ch.write(java.nio.ByteBuffer.wrap(sent.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        return ch;
    }

    @Test
    void fourClientsStalledHalfwayThroughARequestDoNotDelayAnother() throws Exception {
        start(IpcServer.Config.of(socket)); // 4 threads, 30 s read deadline: as vigild runs it
        for (int i = 0; i < 4; i++) {
            stalled("{\"v\":1,\"op\":\"sta");
        }
        Thread.sleep(200);
        long t0 = System.nanoTime();
        assertEquals("node1", client().state().localNode());
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms < 5000, "answered beside 4 stalled clients in " + ms + " ms");
        System.out.println("IPC: state answered beside 4 stalled clients in " + ms + " ms");
    }

    @Test
    void fortyIdleClientsDoNotMakeVigildBusy() throws Exception {
        start(IpcServer.Config.of(socket));
        for (int i = 0; i < 40; i++) {
            stalled("");
        }
        for (int i = 0; i < 5; i++) {
            assertEquals("node1", client().state().localNode());
        }
        assertTrue(log.isEmpty(), log.toString());
    }

    @Test
    void atTheClientLimitTheConnectionWaitingLongestMakesRoom() throws Exception {
        start(IpcServer.Config.of(socket).withMaxClients(3));
        SocketChannel oldest = stalled("{\"v\":");
        Thread.sleep(50);
        stalled("");
        stalled("");
        Thread.sleep(200);
        assertEquals("node1", client().state().localNode());
        oldest.configureBlocking(true);
        assertEquals(-1, oldest.read(java.nio.ByteBuffer.allocate(10)), "the oldest connection was closed");
        assertTrue(log.stream().anyMatch(l -> l.startsWith("IPC: 3 connections open; closed the one waiting longest "
                + "for a request (5 bytes received)")), log.toString());
    }

    @Test
    void slowRequestKeepsItsClientWaitingWithProgressLines() throws Exception {
        service.stateDelay = Duration.ofMillis(2500);
        start(IpcServer.Config.of(socket).withProgressEvery(Duration.ofMillis(200)));
        IpcClient impatient = new IpcClient(socket, Duration.ofSeconds(2), Duration.ofSeconds(30), Duration.ofSeconds(1));
        assertEquals("node1", impatient.state().localNode(), "1 s of silence allowed, 2.5 s of work: progress kept it");
    }

    @Test
    void hungDaemonMakesTheClientGiveUpWithinTenSecondsNamingTheSocket() throws Exception {
        Files.createDirectories(socket.getParent());
        try (ServerSocketChannel hung = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            hung.bind(UnixDomainSocketAddress.of(socket)); // the kernel accepts; nobody ever answers
            long t0 = System.nanoTime();
            ServiceException e = assertThrows(ServiceException.class, () -> new IpcClient(socket).state());
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(ServiceException.Kind.TIMEOUT, e.kind());
            assertEquals("vigild is not responding: nothing from " + socket + " for 6 s (hung or stopped? see its log)",
                    e.getMessage());
            assertTrue(ms < 10_000, "gave up after " + ms + " ms");
        }
    }
}
