package org.vigil.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.cli.CliRunner;

/**
 * The console in a real headless Chromium against three real vigild nodes on loopback: log in, see the status,
 * put a node in standby and watch its resource move, move a resource and clear the constraint, a "what if" with a
 * node failure, a past transition with its explanation and graph; without login nothing is shown; a read-only
 * user cannot act. Screenshots of each page go to target/console-screenshots/.
 */
@Timeout(600)
class ConsoleBrowserTest {
    private static final Path SHOTS = Path.of("target", "console-screenshots");

    @TempDir
    Path dir;

    @Test
    void operatorRunsTheClusterFromTheBrowser() throws Exception {
        Assumptions.assumeTrue(WebDriver.available(), "skipped: the browser test needs Debian's chromium and"
                + " chromium-driver (" + WebDriver.CHROMIUM + ", " + WebDriver.CHROMEDRIVER + "); .ci/run installs them");
        try (LiveCluster cluster = new LiveCluster(dir, 3)) {
            ConsoleUsers.put(cluster.users, "admin", Role.ADMIN, "admin-password", new SecureRandom());
            ConsoleUsers.put(cluster.users, "viewer", Role.READ_ONLY, "viewer-password", new SecureRandom());
            CliRunner crm = cluster.crm("node1");
            WebDriver.await("three members and a DC", () -> {
                CliRunner.Result r = crm.sh("crm cluster status");
                return r.code() == 0 && r.out().contains("Members:        node1 node2 node3") && !r.out().contains("NONE");
            });
            assertEquals(0, crm.sh("crm configure property stonith-enabled=false").code());
            CliRunner.Result add = crm.sh("crm configure primitive d1 ocf:heartbeat:Dummy");
            assertEquals(0, add.code(), add.err());
            assertEquals(0, crm.sh("crm configure primitive d2 ocf:heartbeat:Dummy").code());
            WebDriver.await("d1 and d2 started", () -> where(crm, "d1") != null && where(crm, "d2") != null);

            // a request without login is refused
            Path cert = cluster.certificate("node1");
            WebDriver.await("node1's console certificate", () -> Files.exists(cert));
            ConsoleClient stranger = new ConsoleClient(cluster.url(1), cert);
            WebDriver.await("node1's console answers", () -> {
                try {
                    return stranger.get("/login").statusCode() == 200;
                } catch (Exception e) {
                    return false; // the certificate is made before the server listens
                }
            });
            HttpResponse<String> refused = stranger.get("/api/status");
            assertEquals(401, refused.statusCode());
            assertFalse(refused.body().contains("d1"));

            try (WebDriver b = new WebDriver(dir)) {
                b.open(cluster.url(1) + "/");
                WebDriver.await("redirected to the login page", () -> b.url().endsWith("/login"));
                b.screenshot(SHOTS.resolve("1-login.png"));
                login(b, "admin", "admin-password");

                // status, live
                WebDriver.await("d1's row with where it runs", () -> !b.text("#rsc-d1 .where").isEmpty()
                        && !b.text("#rsc-d1 .where").equals("stopped"));
                assertTrue(b.text("#summary").contains("quorum: yes"), b.text("#summary"));
                b.screenshot(SHOTS.resolve("2-status.png"));

                // standby the node running d1: the command is shown first, then d1 moves
                String from = where(crm, "d1");
                b.click("#standby-" + from);
                WebDriver.await("the command shown before it runs", () -> b.text("#confirm-command").equals("crm node standby " + from));
                b.screenshot(SHOTS.resolve("3-confirm-standby.png"));
                b.click("#confirm-run");
                WebDriver.await("d1 away from " + from + " on the page", () -> {
                    String w = b.text("#rsc-d1 .where");
                    return !w.isEmpty() && !w.contains(from) && !w.equals("stopped");
                });
                // the rows are redrawn at every poll: read them again rather than once
                WebDriver.await(from + " shown in standby", () -> b.text("#node-" + from).contains("standby"));
                assertTrue(b.text("#log").contains("crm node standby " + from), b.text("#log"));
                b.screenshot(SHOTS.resolve("4-standby-moved.png"));
                assertTrue(crm.sh("crm node show " + from).out().contains("standby"), "through crm's own commit path");

                // move d2 somewhere, then clear the move constraint with one click
                String d2 = where(crm, "d2");
                String target = List.of("node1", "node2", "node3").stream().filter(n -> !n.equals(from) && !n.equals(d2))
                        .findFirst().orElseThrow();
                b.selectOption("#move-to-d2", target);
                b.click("#move-d2");
                WebDriver.await("move command shown", () -> b.text("#confirm-command").equals("crm resource move d2 " + target));
                b.click("#confirm-run");
                WebDriver.await("the move constraint listed", () -> b.has("#constraint-cli-prefer-d2"));
                WebDriver.await("d2 on " + target, () -> b.text("#rsc-d2 .where").contains(target));
                b.screenshot(SHOTS.resolve("5-move-constraint.png"));
                b.click("#clear-constraint-cli-prefer-d2");
                WebDriver.await("clear command shown", () -> b.text("#confirm-command").equals("crm resource clear d2"));
                b.click("#confirm-run");
                WebDriver.await("the move constraint gone", () -> !b.has("#constraint-cli-prefer-d2"));
                assertFalse(crm.sh("crm configure show").out().contains("cli-prefer-d2"));

                // what if the node running d1 failed
                String d1Now = where(crm, "d1");
                String before = crm.sh("crm configure show").out();
                b.click("#nav-whatif");
                b.type("#wi-fail", d1Now);
                b.click("#wi-run");
                WebDriver.await("the what-if's transition", () -> b.text("#wi-summary").contains("d1"));
                String result = b.text("#wi-result");
                assertTrue(result.contains("Why d1"), result);
                assertTrue(b.has("#wi-result svg"), "the transition graph is drawn");
                assertEquals("crm simulate -L -S --node-fail " + d1Now, b.text("#wi-command"));
                b.screenshot(SHOTS.resolve("6-what-if.png"));
                assertEquals(d1Now, where(crm, "d1"), "a what-if changes nothing");
                assertEquals(before, crm.sh("crm configure show").out());

                // a past transition with its explanation and graph
                b.click("#nav-history");
                WebDriver.await("transitions listed", () -> b.has("#transitions tbody tr"));
                String id = (String) b.script("const rows = [...document.querySelectorAll('#transitions tbody tr')];"
                        + " const r = rows.find(x => /Start\\s+d1/.test(x.cells[4].textContent)) || rows[0];"
                        + " return r.cells[0].id;");
                b.click("#" + id);
                WebDriver.await("the transition's replay and explanation", () -> b.text("#transition-text").contains("Why "));
                assertTrue(b.text("#transition-text").contains("Replay of pe-input-"), b.text("#transition-text"));
                assertTrue(b.has("#transition svg"), "the transition graph is drawn");
                b.screenshot(SHOTS.resolve("7-history.png"));

                b.click("#nav-config");
                WebDriver.await("the configuration in crm syntax", () -> b.text("#config-text").contains("primitive d1"));
                WebDriver.await("crm verify's findings", () -> !b.text("#verify-text").isEmpty());
                b.screenshot(SHOTS.resolve("8-configuration.png"));

                // a read-only user sees the command but the console refuses to run it
                b.click("#nav-status");
                b.click("#logout");
                WebDriver.await("back at the login page", () -> b.url().endsWith("/login"));
                login(b, "viewer", "viewer-password");
                WebDriver.await("status shown", () -> b.has("#online-" + from));
                b.click("#online-" + from);
                WebDriver.await("the read-only note", () -> b.text("#confirm-note").contains("read-only"));
                b.click("#confirm-run");
                WebDriver.await("refused in the command log", () -> b.text("#log").contains("read-only"));
                assertTrue(b.text("#flash").contains("crm node online " + from) && b.text("#flash").contains("read-only"),
                        b.text("#flash"));
                b.screenshot(SHOTS.resolve("9-read-only-refused.png"));
                assertTrue(crm.sh("crm node show " + from).out().contains("standby"), "still in standby");
            }
            String audit = Files.readString(cluster.state("node1").resolve("console/audit.log"));
            assertTrue(audit.contains("user=admin from=127.0.0.1 what=\"crm resource clear d2\" result=ok"), audit);
            assertTrue(audit.contains("user=viewer from=127.0.0.1 what=\"crm node online " + "")
                    && audit.contains("refused: read-only user"), audit);
        }
    }

    private static void login(WebDriver b, String user, String password) {
        b.type("#user", user);
        b.type("#password", password);
        b.click("#submit");
        WebDriver.await("logged in", () -> b.has("#logout"));
    }

    /** Where crm says the resource runs, or null. */
    private static String where(CliRunner crm, String rsc) {
        CliRunner.Result r = crm.sh("crm resource status " + rsc);
        String prefix = "resource " + rsc + " is running on: ";
        return r.out().lines().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length()).trim().split("\\s+")[0])
                .findFirst().orElse(null);
    }
}
