package dev.partnerauth.demo;


/** {@code java -jar partner-auth-demo.jar [options]}: see {@link DemoOptions#USAGE}. */
public final class DemoMain {
    private DemoMain() {
    }

    public static void main(String[] args) throws Exception {
        DemoOptions options;
        try {
            options = DemoOptions.parse(args);
        } catch (DemoOptions.UsageException e) {
            System.err.println("partner-auth-demo: " + e.getMessage());
            System.err.println(DemoOptions.USAGE);
            System.exit(2);
            return;
        }
        long started = System.nanoTime();
        Demo demo;
        try {
            demo = Demo.start(options, System.getenv("DEMO_ADMIN_PASSWORD"), System.getenv("PARTNER_AUTH_PEPPER"));
        } catch (IllegalArgumentException | IllegalStateException e) {
            // a configuration the library refuses (a bad PARTNER_AUTH_PEPPER, a short DEMO_ADMIN_PASSWORD,
            // another pepper than the database's): the message says what to do, a stack trace would only bury it
            stopLogging();
            System.err.println("partner-auth-demo: cannot start: " + e.getMessage());
            System.exit(2);
            return;
        } catch (Throwable e) {
            stopLogging(); // what the library logged before the failure goes out before the trace
            throw e;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                demo.close();
            } catch (Exception e) {
                System.err.println("partner-auth-demo: error while stopping: " + e);
            } finally {
                stopLogging();
            }
        }, "partner-auth-demo-stop"));
        System.out.println("partner-auth demo ready in " + (System.nanoTime() - started) / 1_000_000 + " ms");
        System.out.println("  CPQ host (admin: " + demo.cpqUrl() + "/admin)  " + demo.cpqUrl());
        System.out.println("  PRM simulator                            " + demo.prmUrl());
        if (demo.generatedPassword()) {
            System.out.println("  admin sign-in: user 'admin', password " + demo.adminPassword()
                    + "  (set DEMO_ADMIN_PASSWORD to choose one)");
        } else {
            System.out.println("  admin sign-in: user 'admin', password from DEMO_ADMIN_PASSWORD");
        }
        System.out.flush();
    }

    /**
     * Writes out the log lines still queued for the console (log4j2.xml logs through a background
     * thread) and stops logging; lines logged after this are lost, so it runs last.
     */
    private static void stopLogging() {
        org.apache.logging.log4j.LogManager.shutdown();
    }
}
