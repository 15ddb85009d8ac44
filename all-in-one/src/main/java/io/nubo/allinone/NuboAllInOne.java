package io.nubo.allinone;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Locale;

/** {@code ./nubo up}: starts the whole cloud, prints how to reach it, and runs until stopped. */
public final class NuboAllInOne {

    private NuboAllInOne() {
    }

    public static void main(String[] args) throws Exception {
        long t0 = System.nanoTime();
        LaunchOptions options;
        try {
            options = LaunchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("nubo: " + e.getMessage());
            System.exit(2);
            return;
        }
        ensurePortFree(options.gatewayPort());
        NuboCloud cloud;
        try {
            cloud = NuboCloud.start(options);
        } catch (Exception | Error e) {
            e.printStackTrace();
            System.err.println("nubo: start failed: " + e);
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Nubo is stopping");
            cloud.close();
        }, "nubo-stop"));
        Path clouds = cloud.writeCloudsYaml();
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.println();
        System.out.println("Nubo is ready in " + String.format(Locale.ROOT, "%.1f", seconds) + " s");
        System.out.println("  endpoint:    " + options.publicUrl() + "  (identity: " + options.publicUrl()
                + "/identity/v3)");
        System.out.println("  admin:       user admin, project admin, domain Default, password in "
                + options.dataDir().resolve("admin-password"));
        System.out.println("  clouds.yaml: " + clouds);
        System.out.println("  try:         OS_CLIENT_CONFIG_FILE=" + clouds + " openstack --os-cloud nubo token issue");
        System.out.flush();
        if (Boolean.getBoolean("nubo.exit-when-ready")) {
            // a training run: ./nubo records the classes a start loads into a CDS archive when the JVM exits
            System.exit(0);
        }
        Thread.currentThread().join();
    }

    private static void ensurePortFree(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            s.setReuseAddress(true);
        } catch (Exception e) {
            System.err.println("nubo: port " + port + " is already in use (is Nubo already running? ./nubo status)");
            System.exit(1);
        }
    }
}
