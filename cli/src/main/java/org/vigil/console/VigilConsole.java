package org.vigil.console;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import org.vigil.node.ConsoleHook;
import org.vigil.node.config.ServicesConfig;

/** The console as vigild finds it ({@code META-INF/services/org.vigil.node.ConsoleHook}). */
public final class VigilConsole implements ConsoleHook {
    /** Where the console keeps its files by default, under the daemon's state directory. */
    public static Path defaultDir(Path stateDir) {
        return stateDir.resolve("console");
    }

    @Override
    public ConsoleService start(Setup setup) throws IOException {
        ServicesConfig.ConsoleConfig c = setup.config();
        Path dir = defaultDir(setup.stateDir());
        SecureRandom random = new SecureRandom();
        ConsoleCertificate.Loaded cert = ConsoleCertificate.load(c.tlsCert() == null ? null : Path.of(c.tlsCert()),
                c.tlsKey() == null ? null : Path.of(c.tlsKey()), dir, setup.node(), setup.address().getHostAddress(), random);
        if (cert.generated()) {
            setup.log().accept("web console: generated a self-signed certificate in " + dir + " (SHA-256 "
                    + cert.fingerprint() + ")");
        }
        Path users = c.users() == null ? dir.resolve("users") : Path.of(c.users());
        if (ConsoleUsers.read(users).all().isEmpty()) {
            setup.log().accept("web console: no users yet in " + users + "; add one with: crm console user add NAME"
                    + " --role admin --file " + users);
        }
        Clock clock = Clock.systemUTC();
        AuditLog audit = new AuditLog(c.audit() == null ? dir.resolve("audit.log") : Path.of(c.audit()), clock);
        CrmRunner crm = new CrmRunner(Map.of("VIGIL_SOCKET", setup.socket().toString()), setup.stateDir(), clock);
        ConsoleServer server = ConsoleServer.start(setup.address(), c.port(), cert.context(), users, audit, crm, clock,
                random);
        return new ConsoleService() {
            @Override
            public int port() {
                return server.port();
            }

            @Override
            public String fingerprint() {
                return cert.fingerprint();
            }

            @Override
            public void close() {
                server.close();
            }
        };
    }
}
