import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sustained mixed load through the gateway (figures only; bench/soak.sh starts the cloud and runs this). Each of C
 * workers loops until the time is up, picking one flow at a time: a password token issue (5%), a token validation
 * (30%), a Swift object flow (40%: PUT 0.5-8 KiB, HEAD, GET with the bytes compared, a prefix listing, DELETE) or a
 * Glance image flow (25%: create, upload 1-16 KiB, show, list, delete). Every minute it prints one line: requests,
 * errors (non-2xx by status, exceptions by class, wrong answers), p50/p95/p99 per call kind, the all-in-one's RSS
 * (/proc/PID/status), its JVM heap used (jcmd GC.heap_info) and the load average; then a summary. Whatever it
 * created is deleted by the end, and the account and the image list are checked to be as they were before. Exit 0
 * only with no error and nothing left behind. Loopback only; the run is bounded by its minutes.
 *
 *   java SoakBench.java GATEWAY_URL PROJECT_ID ADMIN_PASSWORD NUBO_PID [minutes] [concurrency]
 */
public class SoakBench {

    /** The call kinds, in the order they are printed. */
    enum Kind {
        ISSUE("issue"), VALIDATE("validate"), PUT("put"), HEAD("head"), GET("get"), LIST("list"), DELETE("del"),
        IMG_CREATE("img.create"), IMG_UPLOAD("img.upload"), IMG_SHOW("img.show"), IMG_LIST("img.list"),
        IMG_DELETE("img.del");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    static final Pattern IMAGE_ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"([^\"]+)\"");
    static final Pattern SIZE = Pattern.compile("\"size\"\\s*:\\s*(\\d+)");
    static final Pattern HEAP_USED = Pattern.compile("generation\\s+total \\d+K, used (\\d+)K");

    static HttpClient http;
    static String gateway;
    static String identity;
    static String storage;
    static String container;
    static String authBody;
    static long nuboPid;

    /** One period's latencies and errors; workers record under the read lock, the reporter swaps under the write. */
    static final class Window {
        final Latencies[] lat = new Latencies[Kind.values().length];
        final Map<String, AtomicLong> errors = new ConcurrentHashMap<>();
        final AtomicLong errorCount = new AtomicLong();

        Window() {
            for (int k = 0; k < lat.length; k++) {
                lat[k] = new Latencies();
            }
        }

        void record(Kind kind, long nanos) {
            lat[kind.ordinal()].add(nanos);
        }

        long[] sorted(Kind kind) {
            return lat[kind.ordinal()].sorted();
        }

        long requests() {
            long s = 0;
            for (Latencies l : lat) {
                s += l.size();
            }
            return s;
        }
    }

    /** A growing array of nanosecond latencies. */
    static final class Latencies {
        private long[] a = new long[1024];
        private int n;

        synchronized void add(long nanos) {
            if (n == a.length) {
                a = Arrays.copyOf(a, n * 2);
            }
            a[n++] = nanos;
        }

        synchronized int size() {
            return n;
        }

        synchronized long[] sorted() {
            long[] s = Arrays.copyOf(a, n);
            Arrays.sort(s);
            return s;
        }
    }

    static final ReadWriteLock swap = new ReentrantReadWriteLock();
    static volatile Window window = new Window();
    static final Window total = new Window();
    static final AtomicInteger errorSamples = new AtomicInteger();
    static volatile long deadline;

    public static void main(String[] args) throws Exception {
        gateway = args[0].replaceAll("/+$", "");
        String project = args[1];
        String password = args[2];
        nuboPid = Long.parseLong(args[3]);
        int minutes = args.length > 4 ? Integer.parseInt(args[4]) : 10;
        int concurrency = args.length > 5 ? Integer.parseInt(args[5]) : 16;
        if (!URI.create(gateway).getHost().matches("127\\.0\\.0\\.1|localhost|\\[?::1\\]?")) {
            throw new IllegalArgumentException("loopback endpoints only");
        }
        identity = gateway + "/identity/v3";
        storage = gateway + "/object-store/v1/AUTH_" + project;
        container = "soak-" + System.currentTimeMillis();
        authBody = "{\"auth\":{\"identity\":{\"methods\":[\"password\"],\"password\":{\"user\":{\"name\":\"admin\","
                + "\"domain\":{\"name\":\"Default\"},\"password\":\"" + password + "\"}}},\"scope\":{\"project\":"
                + "{\"name\":\"admin\",\"domain\":{\"name\":\"Default\"}}}}}";
        ExecutorService io = Executors.newFixedThreadPool(Math.max(4, concurrency));
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(io)
                .connectTimeout(Duration.ofSeconds(10)).build();

        String admin = issue(null);
        if (admin == null) {
            throw new IllegalStateException("admin password login failed");
        }
        String accountBefore = account(admin);
        Set<String> imagesBefore = images(admin);
        Map<String, long[]> classesBefore = classHistogram();
        long liveBefore = heapUsedMiB();   // right after the histogram's full GC: what is live
        System.out.printf("soak: %d min at concurrency %d through %s (loopback), %d cores; mix: 5%% token issue, 30%%"
                + " validation, 40%% object flows (5 calls), 25%% image flows (5 calls)%n", minutes, concurrency,
                gateway, Runtime.getRuntime().availableProcessors());
        System.out.printf("before: account %s; %d images listed; live heap after a full GC %s MiB; RSS %d MiB%n",
                accountBefore, imagesBefore.size(), liveBefore < 0 ? "?" : liveBefore, rssMiB());
        System.out.println("per minute: requests, errors, p50/p95/p99 ms per call kind, RSS and heap used of the"
                + " all-in-one, load average 1/5/15");
        check(send(null, admin, "PUT", storage + "/" + container, HttpRequest.BodyPublishers.noBody(), null),
                "create container " + container);

        long start = System.nanoTime();
        deadline = start + TimeUnit.MINUTES.toNanos(minutes);
        List<Worker> workers = new ArrayList<>();
        List<Future<?>> running = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        for (int w = 0; w < concurrency; w++) {
            Worker worker = new Worker(w);
            workers.add(worker);
            running.add(pool.submit(worker));
        }
        List<long[]> p99s = new ArrayList<>();   // per minute, per kind, in nanoseconds
        List<Long> rss = new ArrayList<>();
        List<Long> heap = new ArrayList<>();
        List<Double> loads = new ArrayList<>();
        int minute = 0;
        long last = start;
        while (true) {
            long next = Math.min(start + TimeUnit.MINUTES.toNanos(minute + 1), deadline);
            long sleep = next - System.nanoTime();
            if (sleep > 0) {
                Thread.sleep(TimeUnit.NANOSECONDS.toMillis(sleep) + 1);
            }
            boolean done = System.nanoTime() >= deadline;
            if (done) {
                for (Future<?> f : running) {
                    f.get();
                }
            }
            Window w;
            swap.writeLock().lock();
            try {
                w = window;
                window = new Window();
            } finally {
                swap.writeLock().unlock();
            }
            long now = System.nanoTime();
            minute++;
            long r = rssMiB();
            long h = heapUsedMiB();
            String load = Files.readString(Path.of("/proc/loadavg")).trim();
            String[] lf = load.split(" ");
            rss.add(r);
            heap.add(h);
            loads.add(Double.parseDouble(lf[0]));
            p99s.add(line(minute, w, (now - last) / 1e9, r, h, lf[0] + "/" + lf[1] + "/" + lf[2]));
            last = now;
            if (done) {
                break;
            }
        }
        pool.shutdown();
        double secs = (System.nanoTime() - start) / 1e9;

        // cleanup: whatever a failed call may have left
        int swept = 0;
        for (Worker w : workers) {
            for (String o : w.objects) {
                swept += deleted(admin, storage + "/" + container + "/" + o) ? 1 : 0;
            }
            for (String id : w.images) {
                swept += deleted(admin, gateway + "/image/v2/images/" + id) ? 1 : 0;
            }
        }
        HttpResponse<byte[]> dc = send(null, admin, "DELETE", storage + "/" + container, null, null);
        boolean containerGone = dc != null && (dc.statusCode() == 204 || dc.statusCode() == 404);
        String accountAfter = account(admin);
        for (int i = 0; i < 30 && !accountAfter.equals(accountBefore); i++) {   // usage is counted after commit
            Thread.sleep(1000);
            accountAfter = account(admin);
        }
        Set<String> imagesAfter = images(admin);
        Map<String, long[]> classesAfter = classHistogram();
        long liveAfter = heapUsedMiB();

        long req = total.requests();
        long err = total.errorCount.get();
        System.out.printf("%nsummary: %.1f min, concurrency %d: %d requests (%.1f/s), %d errors%s%n", secs / 60,
                concurrency, req, req / secs, err, err == 0 ? "" : " " + sortedErrors(total));
        System.out.printf("  %-11s %8s %8s %8s %8s %8s   %s%n", "kind", "calls", "p50", "p95", "p99", "max",
                "p99 per minute, min-max (from minute 2)");
        for (Kind k : Kind.values()) {
            long[] a = total.sorted(k);
            long lo = Long.MAX_VALUE, hi = 0;
            for (int m = p99s.size() > 1 ? 1 : 0; m < p99s.size(); m++) {
                long v = p99s.get(m)[k.ordinal()];
                if (v >= 0) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
            System.out.printf("  %-11s %8d %8s %8s %8s %8s   %s-%s ms%n", k.label, a.length, ms(pct(a, .50)),
                    ms(pct(a, .95)), ms(pct(a, .99)), ms(a.length == 0 ? -1 : a[a.length - 1]),
                    lo == Long.MAX_VALUE ? "-" : ms(lo), lo == Long.MAX_VALUE ? "-" : ms(hi));
        }
        System.out.printf("  RSS MiB per minute: first %d, min %d, max %d, last %d; heap used MiB: min %d, max %d;"
                        + " live heap after a full GC: %s before, %s after%n", rss.get(0),
                rss.stream().mapToLong(x -> x).min().orElse(0), rss.stream().mapToLong(x -> x).max().orElse(0),
                rss.get(rss.size() - 1), heap.stream().mapToLong(x -> x).min().orElse(0),
                heap.stream().mapToLong(x -> x).max().orElse(0), liveBefore < 0 ? "?" : liveBefore + " MiB",
                liveAfter < 0 ? "?" : liveAfter + " MiB");
        System.out.println("  live heap, the classes that grew most (instances and MiB after the run, after a full GC,"
                + " beside before): " + grown(classesBefore, classesAfter, 8));
        System.out.printf("  load average (1 min) per minute: min %.2f, max %.2f, mean %.2f%n",
                loads.stream().mapToDouble(x -> x).min().orElse(0), loads.stream().mapToDouble(x -> x).max().orElse(0),
                loads.stream().mapToDouble(x -> x).average().orElse(0));
        Set<String> extra = new HashSet<>(imagesAfter);
        extra.removeAll(imagesBefore);
        Set<String> missing = new HashSet<>(imagesBefore);
        missing.removeAll(imagesAfter);
        boolean clean = containerGone && accountAfter.equals(accountBefore) && extra.isEmpty() && missing.isEmpty();
        System.out.printf("  cleanup: %d left by failed calls deleted after the run; container %s %s; account %s"
                        + " (before %s); images %d listed (before %d; new %s, gone %s): %s%n", swept, container,
                containerGone ? "deleted" : "NOT deleted", accountAfter, accountBefore, imagesAfter.size(),
                imagesBefore.size(), extra, missing, clean ? "as before" : "NOT as before");
        boolean ok = err == 0 && clean;
        System.out.println(ok ? "soak: PASS (0 errors, everything it created deleted)" : "soak: FAIL");
        System.exit(ok ? 0 : 1);
    }

    /** Prints one minute's line; returns its p99 per kind in nanoseconds (-1: no call of that kind). */
    static long[] line(int minute, Window w, double secs, long rss, long heap, String load) {
        StringBuilder b = new StringBuilder();
        long req = w.requests();
        long err = w.errorCount.get();
        b.append(String.format("min %2d %s  req %6d (%5.1f/s)  err %d%s  rss %d MiB  heap %s  load %s |",
                minute, LocalTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS), req, req / secs, err,
                err == 0 ? "" : " " + sortedErrors(w), rss, heap < 0 ? "?" : heap + " MiB", load));
        long[] p99 = new long[Kind.values().length];
        for (Kind k : Kind.values()) {
            long[] a = w.sorted(k);
            p99[k.ordinal()] = pct(a, .99);
            b.append(' ').append(k.label).append(' ');
            b.append(a.length == 0 ? "-" : ms(pct(a, .50)) + "/" + ms(pct(a, .95)) + "/" + ms(pct(a, .99)));
        }
        System.out.println(b);
        return p99;
    }

    static String sortedErrors(Window w) {
        Map<String, Long> m = new TreeMap<>();
        w.errors.forEach((k, v) -> m.put(k, v.get()));
        return m.toString();
    }

    static long pct(long[] sorted, double p) {
        return sorted.length == 0 ? -1 : sorted[Math.min(sorted.length - 1, (int) (sorted.length * p))];
    }

    static String ms(long nanos) {
        if (nanos < 0) {
            return "-";
        }
        double m = nanos / 1e6;
        return m < 10 ? String.format("%.1f", m) : String.format("%.0f", m);
    }

    /** One worker: flows until the deadline; remembers what it created and has not deleted yet. */
    static final class Worker implements java.util.concurrent.Callable<Void> {
        final int id;
        final Random rnd;
        final byte[] data = new byte[16 * 1024];
        final Set<String> objects = new HashSet<>();
        final Set<String> images = new HashSet<>();
        String token;
        int seq;

        Worker(int id) {
            this.id = id;
            this.rnd = new Random(id);
            rnd.nextBytes(data);
        }

        @Override
        public Void call() throws Exception {
            while (System.nanoTime() < deadline) {
                if (token == null) {
                    token = issue(Kind.ISSUE);
                    if (token == null) {
                        Thread.sleep(1000);
                    }
                    continue;
                }
                int r = rnd.nextInt(100);
                if (r < 5) {
                    String t = issue(Kind.ISSUE);
                    token = t != null ? t : token;
                } else if (r < 35) {
                    send(Kind.VALIDATE, token, "GET", identity + "/auth/tokens", null,
                            resp -> resp.body().length > 0, "X-Subject-Token", token);
                } else if (r < 75) {
                    objectFlow();
                } else {
                    imageFlow();
                }
            }
            return null;
        }

        void objectFlow() throws Exception {
            String name = "w" + id + "-" + (seq++);
            int size = 512 + rnd.nextInt(8 * 1024 - 512 + 1);
            int off = rnd.nextInt(data.length - size + 1);
            byte[] body = Arrays.copyOfRange(data, off, off + size);
            String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(body));
            String url = storage + "/" + container + "/" + name;
            objects.add(name);
            HttpResponse<byte[]> put = send(Kind.PUT, token, "PUT", url, HttpRequest.BodyPublishers.ofByteArray(body),
                    resp -> md5.equals(resp.headers().firstValue("ETag").orElse("").replace("\"", "")),
                    "Content-Type", "application/octet-stream");
            if (put == null) {
                return;
            }
            send(Kind.HEAD, token, "HEAD", url, null,
                    resp -> md5.equals(resp.headers().firstValue("ETag").orElse("").replace("\"", "")));
            send(Kind.GET, token, "GET", url, null, resp -> Arrays.equals(resp.body(), body));
            send(Kind.LIST, token, "GET", storage + "/" + container + "?format=json&limit=100&prefix=w" + id + "-",
                    null, resp -> new String(resp.body(), StandardCharsets.UTF_8).contains("\"" + name + "\""));
            if (send(Kind.DELETE, token, "DELETE", url, null, null) != null) {
                objects.remove(name);
            }
        }

        void imageFlow() throws Exception {
            HttpResponse<byte[]> created = send(Kind.IMG_CREATE, token, "POST", gateway + "/image/v2/images",
                    HttpRequest.BodyPublishers.ofString("{\"name\":\"soak-w" + id + "-" + (seq++)
                            + "\",\"disk_format\":\"raw\",\"container_format\":\"bare\"}"),
                    resp -> IMAGE_ID.matcher(text(resp)).find(), "Content-Type", "application/json");
            if (created == null) {
                return;
            }
            Matcher m = IMAGE_ID.matcher(text(created));
            m.find();
            String id = m.group(1);
            images.add(id);
            String url = gateway + "/image/v2/images/" + id;
            int size = 1024 + rnd.nextInt(15 * 1024 + 1);
            byte[] body = Arrays.copyOf(data, size);
            if (send(Kind.IMG_UPLOAD, token, "PUT", url + "/file", HttpRequest.BodyPublishers.ofByteArray(body), null,
                    "Content-Type", "application/octet-stream") != null) {
                send(Kind.IMG_SHOW, token, "GET", url, null, resp -> {
                    String t = text(resp);
                    Matcher st = STATUS.matcher(t);
                    Matcher sz = SIZE.matcher(t);
                    return st.find() && st.group(1).equals("active") && sz.find() && Long.parseLong(sz.group(1)) == size;
                });
            }
            send(Kind.IMG_LIST, token, "GET", gateway + "/image/v2/images?limit=20", null,
                    resp -> text(resp).contains("\"images\""));
            if (send(Kind.IMG_DELETE, token, "DELETE", url, null, null) != null) {
                images.remove(id);
            }
        }
    }

    interface Check {
        boolean ok(HttpResponse<byte[]> response);
    }

    /** Issues a password token (project scope); null if that failed. kind null: not counted. */
    static String issue(Kind kind) throws InterruptedException {
        HttpResponse<byte[]> r = send(kind, null, "POST", identity + "/auth/tokens",
                HttpRequest.BodyPublishers.ofString(authBody),
                resp -> resp.headers().firstValue("X-Subject-Token").isPresent(), "Content-Type", "application/json");
        return r == null ? null : r.headers().firstValue("X-Subject-Token").orElseThrow();
    }

    /**
     * One call, timed and counted under its kind (kind null: set-up and cleanup, not counted): the answer if it is
     * 2xx and passes the check, else null after counting the error ("kind status", "kind ExceptionClass" or
     * "kind wrong-answer").
     */
    static HttpResponse<byte[]> send(Kind kind, String token, String method, String url,
                                     HttpRequest.BodyPublisher body, Check check, String... headers)
            throws InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : body);
        if (token != null) {
            b.header("X-Auth-Token", token);
        }
        if (headers.length > 0) {
            b.headers(headers);
        }
        long t0 = System.nanoTime();
        HttpResponse<byte[]> r = null;
        String error = null;
        try {
            r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() / 100 != 2) {
                error = Integer.toString(r.statusCode());
            } else if (check != null && !check.ok(r)) {
                error = "wrong-answer";
            }
        } catch (IOException | RuntimeException e) {
            error = e.getClass().getSimpleName();
        }
        long nanos = System.nanoTime() - t0;
        if (kind != null) {
            swap.readLock().lock();
            try {
                Window w = window;
                w.record(kind, nanos);
                total.record(kind, nanos);
                if (error != null) {
                    for (Window x : new Window[] {w, total}) {
                        x.errors.computeIfAbsent(kind.label + " " + error, k -> new AtomicLong()).incrementAndGet();
                        x.errorCount.incrementAndGet();
                    }
                }
            } finally {
                swap.readLock().unlock();
            }
        }
        if (error != null) {
            if (errorSamples.incrementAndGet() <= 20) {
                String t = r == null ? "" : text(r);
                System.err.printf("%s error: %s %s -> %s %s%n", LocalTime.now(ZoneOffset.UTC), method, url, error,
                        t.substring(0, Math.min(300, t.length())).replace('\n', ' '));
            }
            return null;
        }
        return r;
    }

    static String text(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    static void check(HttpResponse<byte[]> r, String what) {
        if (r == null) {
            throw new IllegalStateException(what + " failed");
        }
    }

    static boolean deleted(String token, String url) throws InterruptedException {
        HttpResponse<byte[]> r = send(null, token, "DELETE", url, null, null);
        return r != null;
    }

    /** The account's container, object and byte counts, as "containers/objects/bytes". */
    static String account(String token) throws InterruptedException {
        HttpResponse<byte[]> r = send(null, token, "HEAD", storage, null, null);
        check(r, "HEAD account");
        return r.headers().firstValue("X-Account-Container-Count").orElse("?") + " containers/"
                + r.headers().firstValue("X-Account-Object-Count").orElse("?") + " objects/"
                + r.headers().firstValue("X-Account-Bytes-Used").orElse("?") + " bytes";
    }

    /** The ids of the images the admin lists (every page). */
    static Set<String> images(String token) throws InterruptedException {
        Set<String> ids = new HashSet<>();
        String url = gateway + "/image/v2/images?limit=1000";
        while (url != null) {
            HttpResponse<byte[]> r = send(null, token, "GET", url, null, null);
            check(r, "list images");
            String t = text(r);
            int images = t.indexOf("\"images\"");
            int end = t.lastIndexOf(']');
            Matcher m = IMAGE_ID.matcher(t.substring(images, end));
            while (m.find()) {
                ids.add(m.group(1));
            }
            Matcher next = Pattern.compile("\"next\"\\s*:\\s*\"([^\"]+)\"").matcher(t.substring(end));
            url = next.find() ? gateway + "/image" + next.group(1) : null;
        }
        return ids;
    }

    static long rssMiB() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/" + nuboPid + "/status"))) {
                if (l.startsWith("VmRSS:")) {
                    return Long.parseLong(l.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (IOException e) {
            // the process is gone: reported as -1
        }
        return -1;
    }

    /** Heap used (young + old generation) by jcmd GC.heap_info; -1 if jcmd is missing or failed. */
    static long heapUsedMiB() {
        String out = jcmd("GC.heap_info");
        if (out == null) {
            return -1;
        }
        Matcher m = HEAP_USED.matcher(out);
        long kb = 0;
        boolean any = false;
        while (m.find()) {
            kb += Long.parseLong(m.group(1));
            any = true;
        }
        return any ? kb / 1024 : -1;
    }

    /** Instances and bytes per class of what is live (jcmd GC.class_histogram runs a full GC first); empty if none. */
    static Map<String, long[]> classHistogram() {
        Map<String, long[]> m = new TreeMap<>();
        String out = jcmd("GC.class_histogram");
        if (out != null) {
            Matcher h = Pattern.compile("(?m)^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)").matcher(out);
            while (h.find()) {
                m.put(h.group(3), new long[] {Long.parseLong(h.group(1)), Long.parseLong(h.group(2))});
            }
        }
        return m;
    }

    /** The n classes whose live bytes grew most between two histograms. */
    static String grown(Map<String, long[]> before, Map<String, long[]> after, int n) {
        if (before.isEmpty() || after.isEmpty()) {
            return "? (no jcmd)";
        }
        List<String> rows = new ArrayList<>();
        after.entrySet().stream()
                .sorted((a, b) -> Long.compare(b.getValue()[1] - before.getOrDefault(b.getKey(), new long[2])[1],
                        a.getValue()[1] - before.getOrDefault(a.getKey(), new long[2])[1]))
                .limit(n)
                .forEach(e -> {
                    long[] was = before.getOrDefault(e.getKey(), new long[2]);
                    rows.add(String.format("%s %d/%.1f (%d/%.1f)", e.getKey(), e.getValue()[0],
                            e.getValue()[1] / 1048576.0, was[0], was[1] / 1048576.0));
                });
        return String.join(", ", rows);
    }

    static String jcmd(String command) {
        try {
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(nuboPid), command).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroy();
                return null;
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException | InterruptedException e) {
            return null;
        }
    }
}
