package io.nubo.allinone;

import io.nubo.computeagent.ComputeAgentApplication;
import io.nubo.gateway.GatewayApplication;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * One Nubo process out of the all-in-one's jar: {@code NuboService <role> [--property=value...]} runs that one
 * application alone, as {@code ./nubo up --distributed} and the container images do. Roles: the gateway
 * prefixes of {@link ServiceModule} ({@code identity}, {@code image}, ...), {@code compute-agent} and
 * {@code gateway}.
 */
public final class NuboService {

    public static final String AGENT = "compute-agent";
    public static final String GATEWAY = "gateway";

    private NuboService() {
    }

    /** The application builder of a role, or an exception naming the known ones. */
    public static SpringApplicationBuilder builder(String role) {
        Supplier<SpringApplicationBuilder> b = switch (role) {
            case AGENT -> ComputeAgentApplication::builder;
            case GATEWAY -> GatewayApplication::builder;
            default -> () -> Arrays.stream(ServiceModule.values()).filter(m -> m.prefix().equals(role)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("Unknown role " + role + " (known: "
                            + String.join(", ", roles()) + ")"))
                    .builder();
        };
        return b.get();
    }

    public static String[] roles() {
        return java.util.stream.Stream.concat(Arrays.stream(ServiceModule.values()).map(ServiceModule::prefix),
                java.util.stream.Stream.of(AGENT, GATEWAY)).toArray(String[]::new);
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            System.err.println("usage: NuboService <" + String.join("|", roles()) + "> [--property=value...]");
            System.exit(2);
        }
        String role = args[0].toLowerCase(Locale.ROOT);
        // the agent has no web server, and its own threads are daemons: keep the JVM until the context closes
        builder(role).properties("spring.main.keep-alive=true").run(Arrays.copyOfRange(args, 1, args.length));
    }
}
