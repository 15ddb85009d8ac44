import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Swift object store benchmark (figures only): small-object PUT and GET at a concurrency, one large PUT and GET,
 * and the listing of a container of many objects. Talks to one Swift endpoint (storage URL) with one token, so
 * it runs unchanged against Nubo and OpenStack Swift. Loopback only; bounded loops.
 *
 *   java ObjectStoreBench.java STORAGE_URL TOKEN [concurrency] [small-ops] [large-MiB] [listing-objects]
 */
public class ObjectStoreBench {

    static HttpClient http;
    static String base;
    static String token;

    public static void main(String[] args) throws Exception {
        base = args[0];
        token = args[1];
        int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : 16;
        int ops = args.length > 3 ? Integer.parseInt(args[3]) : 4000;
        int largeMiB = args.length > 4 ? Integer.parseInt(args[4]) : 64;
        int listing = args.length > 5 ? Integer.parseInt(args[5]) : 10_000;
        if (!URI.create(base).getHost().matches("127\\.0\\.0\\.1|localhost|::1")) {
            throw new IllegalArgumentException("loopback endpoints only");
        }
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(pool)
                .connectTimeout(Duration.ofSeconds(10)).build();
        String c = "bench-" + System.currentTimeMillis();
        check(send("PUT", "/" + c, HttpRequest.BodyPublishers.noBody()), 201, 202);
        byte[] small = new byte[4096];
        new Random(1).nextBytes(small);

        System.out.printf("endpoint %s, concurrency %d, %d ops per small-object phase%n", base, concurrency, ops);
        run("4 KiB PUT", pool, concurrency, ops, i -> send("PUT", "/" + c + "/small-" + i,
                HttpRequest.BodyPublishers.ofByteArray(small)), 201);
        run("4 KiB GET", pool, concurrency, ops, i -> send("GET", "/" + c + "/small-" + i, null), 200);

        byte[] chunk = new byte[1 << 20];
        new Random(2).nextBytes(chunk);
        long largeBytes = (long) largeMiB << 20;
        long t0 = System.nanoTime();
        check(send("PUT", "/" + c + "/large", HttpRequest.BodyPublishers.ofInputStream(
                () -> repeat(chunk, largeMiB))), 201);
        double put = seconds(t0);
        t0 = System.nanoTime();
        HttpResponse<InputStream> get = http.send(request("GET", "/" + c + "/large", null),
                HttpResponse.BodyHandlers.ofInputStream());
        long read;
        try (InputStream in = get.body()) {
            read = in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        double getS = seconds(t0);
        if (read != largeBytes) {
            throw new IllegalStateException("large GET returned " + read + " bytes");
        }
        System.out.printf("%-22s %8.1f MB/s   (%d MiB in %.2f s)%n", largeMiB + " MiB PUT", largeBytes / 1e6 / put,
                largeMiB, put);
        System.out.printf("%-22s %8.1f MB/s   (%d MiB in %.2f s)%n", largeMiB + " MiB GET", largeBytes / 1e6 / getS,
                largeMiB, getS);

        if (listing > 0) {
            listing(c + "-list", pool, concurrency, listing);
        }
        pool.shutdown();
        System.out.println("(objects left in containers " + c + "*)");
        System.exit(0);
    }

    static void listing(String lc, ExecutorService pool, int concurrency, int listing) throws Exception {
        long t0;
        check(send("PUT", "/" + lc, HttpRequest.BodyPublishers.noBody()), 201, 202);
        byte[] tiny = "x".getBytes();
        run("fill listing container", pool, concurrency, listing, i -> send("PUT",
                "/" + lc + "/obj-" + String.format("%06d", i), HttpRequest.BodyPublishers.ofByteArray(tiny)), 201);
        for (String format : new String[] {"plain", "json"}) {
            long best = Long.MAX_VALUE;
            int count = 0;
            for (int r = 0; r < 3; r++) {
                t0 = System.nanoTime();
                HttpResponse<String> l = http.send(request("GET", "/" + lc + "?limit=10000&format=" + format, null),
                        HttpResponse.BodyHandlers.ofString());
                best = Math.min(best, System.nanoTime() - t0);
                count = format.equals("plain") ? l.body().split("\n").length : l.body().split("\"name\"").length - 1;
            }
            System.out.printf("%-22s %8.1f ms     (%d names, best of 3)%n", "list 10,000 (" + format + ")",
                    best / 1e6, count);
        }
    }

    interface Op {
        HttpResponse<Void> call(int i) throws Exception;
    }

    static void run(String label, ExecutorService pool, int concurrency, int ops, Op op, int expected)
            throws Exception {
        long[] latencies = new long[ops];
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> workers = new ArrayList<>();
        long t0 = System.nanoTime();
        ExecutorService clients = Executors.newFixedThreadPool(concurrency);
        for (int w = 0; w < concurrency; w++) {
            workers.add(clients.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < ops) {
                    long s = System.nanoTime();
                    check(op.call(i), expected);
                    latencies[i] = System.nanoTime() - s;
                }
                return null;
            }));
        }
        for (Future<?> f : workers) {
            f.get();
        }
        clients.shutdown();
        double secs = seconds(t0);
        Arrays.sort(latencies);
        System.out.printf("%-22s %8.0f ops/s  p50 %6.2f ms  p99 %6.2f ms  (%d ops in %.1f s)%n", label, ops / secs,
                latencies[ops / 2] / 1e6, latencies[(int) (ops * 0.99)] / 1e6, ops, secs);
    }

    static HttpRequest request(String method, String path, HttpRequest.BodyPublisher body) {
        return HttpRequest.newBuilder(URI.create(base + path)).header("X-Auth-Token", token)
                .timeout(Duration.ofMinutes(5))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : body).build();
    }

    static HttpResponse<Void> send(String method, String path, HttpRequest.BodyPublisher body) throws Exception {
        return http.send(request(method, path, body), HttpResponse.BodyHandlers.discarding());
    }

    static <T> HttpResponse<T> check(HttpResponse<T> r, int... ok) {
        for (int s : ok) {
            if (r.statusCode() == s) {
                return r;
            }
        }
        throw new IllegalStateException(r.request().method() + " " + r.uri() + " answered " + r.statusCode());
    }

    static InputStream repeat(byte[] chunk, int times) {
        return new InputStream() {
            int left = times;
            int pos = chunk.length;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (pos == chunk.length) {
                    if (left == 0) {
                        return -1;
                    }
                    left--;
                    pos = 0;
                }
                int n = Math.min(len, chunk.length - pos);
                System.arraycopy(chunk, pos, b, off, n);
                pos += n;
                return n;
            }
        };
    }

    static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
