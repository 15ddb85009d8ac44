import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Metering benchmark (figures only): writes synthetic object-store usage events (each container filled with 1 GiB
 * deltas, then emptied) straight onto the running Nubo's Kafka topic, as the object store's outbox relay would, and
 * times how long the metering service takes until the whole stream's GiB-hours are visible in /v2/summary; then
 * sends single events and times each from send to its usage being visible. Loopback only; bounded loops.
 *
 *   java -cp 'all-in-one/target/cds/app/lib/*' MeteringBench.java GATEWAY_URL KAFKA TOKEN [events] [latency-samples]
 */
public class MeteringBench {

    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final Pattern QTY = Pattern.compile("\"results\":\\[\\[\"[^\"]*\",\"[^\"]*\",([-+0-9.Ee]+)");
    static String gateway;
    static String token;

    public static void main(String[] args) throws Exception {
        gateway = args[0];
        String kafka = args[1];
        token = args[2];
        int events = args.length > 3 ? Integer.parseInt(args[3]) : 100_000;
        int samples = args.length > 4 ? Integer.parseInt(args[4]) : 20;
        int steps = 100;                       // per container: 50 x +1 GiB then 50 x -1 GiB, one minute apart
        int containers = events / steps;
        String run = UUID.randomUUID().toString().substring(0, 8);
        Instant t0 = Instant.parse("2026-11-01T00:00:00Z");
        Properties p = new Properties();
        p.put("bootstrap.servers", kafka);
        p.put("key.serializer", StringSerializer.class.getName());
        p.put("value.serializer", StringSerializer.class.getName());
        p.put("linger.ms", "5");
        String query = "/rating/v2/summary?begin=2026-10-31T00:00:00Z&end=2026-11-02T00:00:00Z"
                + "&filters=type:storage.objects.size";
        double baseline = qty(query);          // what earlier runs left in the ledger for that day
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            long start = System.nanoTime();
            for (int c = 0; c < containers; c++) {
                String project = "bench" + run + "p" + (c % 100);
                String container = "c" + c;
                for (int i = 0; i < steps; i++) {
                    long delta = (i < steps / 2 ? 1L : -1L) << 30;
                    producer.send(new ProducerRecord<>("nubo.object-store.v1", "AUTH_" + project + "/" + container,
                            envelope(project, container, delta, t0.plusSeconds(60L * i))));
                }
            }
            producer.flush();
            double sent = (System.nanoTime() - start) / 1e9;
            // GiB-minutes per container: 1+2+...+50 rising, 49+...+0 falling = 2500
            double expected = containers * 2500.0 / 60.0;
            while (qty(query) - baseline < expected - 1e-6) {
                Thread.sleep(1000); // each poll rates the whole stream: poll gently, not to slow the ingestion measured
            }
            double visible = (System.nanoTime() - start) / 1e9;
            System.out.printf("%d events (%d containers x %d deltas) sent in %.1f s; all visible in /v2/summary after"
                    + " %.1f s: %.0f events/s, %.3f GiB-hours as expected%n", containers * steps, containers, steps,
                    sent, visible, containers * steps / visible, expected);

            double[] latencies = new double[samples];
            for (int s = 0; s < samples; s++) {
                String project = "bench" + run + "lat" + s;
                String q = "/rating/v2/summary?begin=2026-10-31T00:00:00Z&filters=project_id:" + project;
                long sentAt = System.nanoTime();
                producer.send(new ProducerRecord<>("nubo.object-store.v1", "AUTH_" + project + "/c",
                        envelope(project, "c", 1L << 30, t0)));
                producer.flush();
                while (qty(q) <= 0) {
                    Thread.sleep(2);
                }
                latencies[s] = (System.nanoTime() - sentAt) / 1e6;
            }
            Arrays.sort(latencies);
            System.out.printf("event to visible in /v2/summary, %d samples: p50 %.0f ms, max %.0f ms%n", samples,
                    latencies[samples / 2], latencies[samples - 1]);
        }
    }

    static String envelope(String project, String container, long delta, Instant at) {
        return "{\"event_id\":\"" + UUID.randomUUID() + "\",\"event_type\":\"object-store.usage.changed\","
                + "\"schema_version\":\"1.0\",\"occurred_at\":\"" + at + "\",\"source\":\"bench\","
                + "\"request_id\":null,\"project_id\":\"" + project + "\",\"payload\":{\"project_id\":\"" + project
                + "\",\"account\":\"AUTH_" + project + "\",\"container\":\"" + container + "\",\"object\":\"o\","
                + "\"change\":\"object.created\",\"bytes_delta\":" + delta + ",\"objects_delta\":"
                + (delta > 0 ? 1 : -1) + "}}";
    }

    /** The first row's qty of a v2 summary (0 when it has no row). */
    static double qty(String path) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(gateway + path))
                .header("X-Auth-Token", token).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(r.statusCode() + " " + r.body());
        }
        Matcher m = QTY.matcher(r.body().replace(" ", ""));
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
