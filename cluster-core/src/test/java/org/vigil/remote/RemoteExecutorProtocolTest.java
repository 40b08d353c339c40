package org.vigil.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.vigil.agents.ActionHandle;
import org.vigil.agents.ActionName;
import org.vigil.agents.AgentAction;
import org.vigil.agents.AgentExecutor;
import org.vigil.agents.AgentId;
import org.vigil.agents.AgentResult;
import org.vigil.agents.AttributeUpdate;
import org.vigil.agents.ExecStatus;
import org.vigil.agents.OcfStatus;
import org.vigil.membership.ClusterTls;

@Timeout(30)
class RemoteExecutorProtocolTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final List<AgentAction> ran = new CopyOnWriteArrayList<>();
    private final List<String> names = new CopyOnWriteArrayList<>();
    private RemoteExecutorServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static byte[] key(int seed) {
        byte[] k = new byte[64];
        for (int i = 0; i < k.length; i++) {
            k[i] = (byte) (seed * 31 + i);
        }
        return k;
    }

    private static SSLContext tls(int seed) throws Exception {
        return ClusterTls.remoteExecutorContext(key(seed));
    }

    /** Answers every action at once with success and a promotion score; records what ran and for which node. */
    private final AgentExecutor succeeding = (action, done) -> {
        ran.add(action);
        AgentResult r = AgentResult.success().withOutput("ok")
                .withAttributeUpdates(List.of(new AttributeUpdate("master-x", Optional.of("10"), Duration.ZERO)));
        new Thread(() -> done.accept(r)).start();
        return ActionHandle.finished();
    };

    private void start(AgentExecutor agents, RemoteExecutorServer.Limits limits) throws Exception {
        server = RemoteExecutorServer.start(LOOPBACK, 0, tls(1), node -> {
            names.add(node);
            return agents;
        }, limits, log::add);
    }

    private static AgentAction startDummy() {
        return new AgentAction(AgentId.ocf("heartbeat", "Dummy"), "d1", ActionName.START, Map.of("state", "/tmp/x"),
                Map.of("on_node", "r1"), 0, Duration.ofSeconds(20));
    }

    private void awaitLog(String part) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5000;
        while (System.currentTimeMillis() < deadline) {
            if (log.stream().anyMatch(l -> l.contains(part))) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no log line with '" + part + "' in " + log);
    }

    private void assertNoStackTraces() {
        for (String line : log) {
            assertFalse(line.contains("\n") || line.contains("\tat ") || line.contains("Exception:"), line);
        }
    }

    @Test
    void anActionRunsOnTheRemoteNodeAndItsResultComesBackWhole() throws Exception {
        start(succeeding, RemoteExecutorServer.Limits.DEFAULT);
        try (RemoteExecutorClient c = RemoteExecutorClient.connect("127.0.0.1", server.port(), tls(1), "r1",
                Duration.ofSeconds(5), why -> {})) {
            CompletableFuture<AgentResult> result = new CompletableFuture<>();
            c.execute(startDummy(), result::complete);
            AgentResult r = result.get(5, TimeUnit.SECONDS);
            assertEquals(ExecStatus.DONE, r.execStatus());
            assertEquals(OcfStatus.SUCCESS, r.status());
            assertEquals("ok", r.output());
            assertEquals(List.of(new AttributeUpdate("master-x", Optional.of("10"), Duration.ZERO)), r.attributeUpdates());
            assertEquals(List.of(startDummy()), ran);
            assertEquals(List.of("r1"), names, "the remote node is told the name the cluster knows it by");
            assertTrue(c.ping(Duration.ofSeconds(2)).get(3, TimeUnit.SECONDS));
        }
    }

    @Test
    void whatTheRemoteExecutorLearntOfAReloadableAgentReachesTheClusterNodeWithTheResult() throws Exception {
        AgentExecutor reloadable = new AgentExecutor() {
            @Override
            public ActionHandle execute(AgentAction action, java.util.function.Consumer<AgentResult> done) {
                new Thread(() -> done.accept(AgentResult.success())).start();
                return ActionHandle.finished();
            }

            @Override
            public Optional<List<String>> restartParameters(AgentId agent) {
                return agent.type().equals("Dummy") ? Optional.of(List.of("state")) : Optional.empty();
            }
        };
        start(reloadable, RemoteExecutorServer.Limits.DEFAULT);
        try (RemoteExecutorClient c = RemoteExecutorClient.connect("127.0.0.1", server.port(), tls(1), "r1",
                Duration.ofSeconds(5), why -> {})) {
            assertEquals(Optional.empty(), c.restartParameters(startDummy().agent()), "nothing known before a result");
            CompletableFuture<Optional<List<String>>> knownWhenReported = new CompletableFuture<>();
            c.execute(startDummy(), r -> knownWhenReported.complete(c.restartParameters(startDummy().agent())));
            assertEquals(Optional.of(List.of("state")), knownWhenReported.get(5, TimeUnit.SECONDS));
            AgentId other = AgentId.ocf("heartbeat", "IPaddr2");
            CompletableFuture<AgentResult> otherDone = new CompletableFuture<>();
            c.execute(new AgentAction(other, "ip", ActionName.START, Map.of(), Map.of(), 0, Duration.ofSeconds(5)),
                    otherDone::complete);
            otherDone.get(5, TimeUnit.SECONDS);
            assertEquals(Optional.empty(), c.restartParameters(other), "an agent that cannot reload has none");
        }
    }

    @Test
    void aClientWithAnotherKeyIsRefusedBeforeAnythingItSendsIsRead() throws Exception {
        start(succeeding, RemoteExecutorServer.Limits.DEFAULT);
        IOException e = assertThrows(IOException.class, () -> RemoteExecutorClient.connect("127.0.0.1",
                server.port(), tls(2), "r1", Duration.ofSeconds(5), why -> {}));
        assertTrue(e.getMessage().contains("cluster key"), e.getMessage());
        awaitLog("refused a connection from 127.0.0.1: TLS handshake failed");
        assertEquals(0, server.framesRead(), "not even the hello was read");
        assertEquals(List.of(), ran);
        assertEquals(List.of(), names);
        assertEquals(1, log.size(), log.toString());
        assertNoStackTraces();
    }

    @Test
    void aPlainTcpPeerClaimingAHugeFrameIsRefusedAtTheHandshake() throws Exception {
        start(succeeding, RemoteExecutorServer.Limits.DEFAULT);
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            OutputStream out = s.getOutputStream();
            out.write(new byte[] {0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff});
            out.write("{\"t\":\"exec\"}".getBytes());
            out.flush();
            s.setSoTimeout(5000);
            assertEquals(-1, readUntilClosed(s.getInputStream()));
        }
        awaitLog("refused a connection from 127.0.0.1");
        assertEquals(0, server.framesRead());
        assertEquals(List.of(), ran);
        assertNoStackTraces();
    }

    @Test
    void aSilentConnectionIsClosedAtTheDeadline() throws Exception {
        start(succeeding, new RemoteExecutorServer.Limits(300, 4, 16, 4, 64, Frames.MAX_FRAME));
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(5000);
            long t0 = System.nanoTime();
            readUntilClosed(s.getInputStream());
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ms < 3000, "closed after " + ms + " ms");
        }
        awaitLog("did not authenticate within 300 ms");
        assertNoStackTraces();
    }

    @Test
    void unauthenticatedConnectionsBeyondTheLimitAreResetOnArrival() throws Exception {
        start(succeeding, new RemoteExecutorServer.Limits(5000, 2, 16, 4, 64, Frames.MAX_FRAME));
        Socket a = new Socket("127.0.0.1", server.port());
        Socket b = new Socket("127.0.0.1", server.port());
        Thread.sleep(200);
        try (Socket c = new Socket("127.0.0.1", server.port())) {
            c.setSoTimeout(3000);
            readUntilClosed(c.getInputStream());
        } finally {
            a.close();
            b.close();
        }
        awaitLog("too many unauthenticated connections");
        // the held ones released their places: a real client still gets in
        try (RemoteExecutorClient ok = RemoteExecutorClient.connect("127.0.0.1", server.port(), tls(1), "r1",
                Duration.ofSeconds(5), why -> {})) {
            assertTrue(ok.alive());
        }
    }

    @Test
    void anAuthenticatedPeerSendingAnOversizedFrameIsDisconnectedWithOneLine() throws Exception {
        start(succeeding, RemoteExecutorServer.Limits.DEFAULT);
        javax.net.ssl.SSLSocket s = (javax.net.ssl.SSLSocket) tls(1).getSocketFactory().createSocket("127.0.0.1",
                server.port());
        try (s) {
            s.setSoTimeout(5000);
            s.startHandshake();
            OutputStream out = s.getOutputStream();
            Frames.write(out, RemoteMessage.encode(new RemoteMessage.Hello(RemoteMessage.VERSION, "r1")));
            DataInputStream in = new DataInputStream(s.getInputStream());
            assertTrue(RemoteMessage.decode(Frames.read(in, Frames.MAX_FRAME)) instanceof RemoteMessage.Welcome);
            out.write(new byte[] {0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff});
            out.flush();
            assertEquals(-1, readUntilClosed(in));
        }
        awaitLog("a frame of 2147483647 bytes (limit " + Frames.MAX_FRAME + ")");
        assertNoStackTraces();
    }

    @Test
    void anotherProtocolVersionIsRefusedWithAReason() throws Exception {
        start(succeeding, RemoteExecutorServer.Limits.DEFAULT);
        javax.net.ssl.SSLSocket s = (javax.net.ssl.SSLSocket) tls(1).getSocketFactory().createSocket("127.0.0.1",
                server.port());
        try (s) {
            s.setSoTimeout(5000);
            Frames.write(s.getOutputStream(), RemoteMessage.encode(new RemoteMessage.Hello(99, "r1")));
            RemoteMessage m = RemoteMessage.decode(Frames.read(new DataInputStream(s.getInputStream()), 4096));
            assertEquals(new RemoteMessage.Refused("protocol version 99 (this node speaks 1)"), m);
        }
        assertEquals(List.of(), names);
    }

    @Test
    void losingTheConnectionAnswersEveryPendingActionAndTellsTheOwner() throws Exception {
        AgentExecutor never = (action, done) -> ActionHandle.finished();
        start(never, RemoteExecutorServer.Limits.DEFAULT);
        CompletableFuture<String> lost = new CompletableFuture<>();
        RemoteExecutorClient c = RemoteExecutorClient.connect("127.0.0.1", server.port(), tls(1), "r1",
                Duration.ofSeconds(5), lost::complete);
        try (c) {
            CompletableFuture<AgentResult> result = new CompletableFuture<>();
            c.execute(startDummy(), result::complete);
            Thread.sleep(200);
            server.close();
            AgentResult r = result.get(5, TimeUnit.SECONDS);
            assertEquals(ExecStatus.ERROR, r.execStatus());
            assertTrue(r.exitReason().startsWith("not connected to remote node r1"), r.exitReason());
            assertTrue(lost.get(5, TimeUnit.SECONDS).contains("closed"));
            assertFalse(c.alive());
            assertFalse(c.ping(Duration.ofSeconds(1)).get(2, TimeUnit.SECONDS));
            CompletableFuture<AgentResult> after = new CompletableFuture<>();
            c.execute(startDummy(), after::complete);
            assertEquals(ExecStatus.ERROR, after.get(5, TimeUnit.SECONDS).execStatus());
        }
    }

    @Test
    void framesOutsideTheBoundsAreRefusedBeforeTheyAreRead() {
        byte[] zero = {0, 0, 0, 0};
        byte[] big = {0, 0x10, 0, 1};
        assertThrows(Frames.FrameException.class, () -> Frames.read(new DataInputStream(new ByteArrayInputStream(zero)), 100));
        Frames.FrameException e = assertThrows(Frames.FrameException.class,
                () -> Frames.read(new DataInputStream(new ByteArrayInputStream(big)), Frames.MAX_FRAME));
        assertEquals("a frame of 1048577 bytes (limit 1048576)", e.getMessage());
    }

    @Test
    void messagesSurviveTheWire() throws Exception {
        for (RemoteMessage m : List.of(new RemoteMessage.Hello(1, "r1"), new RemoteMessage.Welcome(1, "host"),
                new RemoteMessage.Refused("busy"), new RemoteMessage.Exec(7, startDummy()),
                new RemoteMessage.Result(7, AgentResult.timedOut("slow", "out")),
                new RemoteMessage.Result(8, AgentResult.success(), Optional.of(List.of("state", "passwd"))),
                new RemoteMessage.Result(9, AgentResult.success(), Optional.of(List.of())), new RemoteMessage.Cancel(7),
                new RemoteMessage.Ping(3), new RemoteMessage.Pong(3))) {
            assertEquals(m, RemoteMessage.decode(RemoteMessage.encode(m)));
        }
        assertThrows(IOException.class, () -> RemoteMessage.decode("{\"t\":\"shell\"}".getBytes()));
        assertThrows(IOException.class, () -> RemoteMessage.decode("[1]".getBytes()));
        String result = new String(RemoteMessage.encode(new RemoteMessage.Result(8, AgentResult.success())),
                java.nio.charset.StandardCharsets.UTF_8);
        assertFalse(result.contains("restart"), "nothing learnt, nothing sent: " + result);
        assertThrows(IOException.class, () -> RemoteMessage.decode((result.substring(0, result.length() - 1) + ",\"restart\":[1]}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    private static int readUntilClosed(InputStream in) throws IOException {
        try {
            byte[] buf = new byte[1024];
            int n;
            while ((n = in.read(buf)) >= 0) {
                // discard
            }
            return n;
        } catch (java.net.SocketException e) {
            return -1; // reset
        }
    }
}
