package id.slrt.etl;

import java.io.PrintStream;

/** EtlMain's command line for tests in other packages, with one stream for output and errors. */
public final class EtlMainAccess {
    private EtlMainAccess() {
    }

    public static int run(String[] args, PrintStream out) {
        return EtlMain.run(args, out, out);
    }
}
