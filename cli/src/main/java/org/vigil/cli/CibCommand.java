package org.vigil.cli;

import java.util.ArrayList;
import java.util.List;
import org.vigil.cli.store.CibClient;
import org.vigil.cli.store.CibClients;
import org.vigil.cli.verify.Verifier;

/** Base of commands that read or change the CIB. */
public abstract class CibCommand {
    protected final CliContext ctx;
    /** Messages gathered while a change is computed; shown only if the change is stored. */
    private final List<String> notices = new ArrayList<>();

    protected CibCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    protected CibClient client() {
        return CibClients.forContext(ctx, Verifier.changeValidator());
    }

    protected void notice(String message) {
        notices.add(message);
    }

    /** Prints the notices of a change that was stored. */
    protected void flushNotices() {
        for (String n : notices) {
            ctx.err().println(n);
        }
        notices.clear();
        ctx.err().flush();
    }

    protected void discardNotices() {
        notices.clear();
    }
}
