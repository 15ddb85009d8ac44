package io.nubo.testsupport.fuzz;

import io.nubo.shared.validation.RequestSchemas;
import io.nubo.shared.validation.ValidatedBody;
import io.nubo.shared.validation.ValidatedHandlers;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.RequestMethod;

/**
 * Sends every generated body (and broken query string) to every handler of a running service that declares a
 * schema, and reports each answer of 500 or more. A service's fuzz test is a few lines:
 * <pre>{@code
 * ApiFuzz.Result r = ApiFuzz.against(context, "http://127.0.0.1:" + port).header("X-Auth-Token", admin).run();
 * assertThat(r.serverErrors()).isEmpty();
 * }</pre>
 * Path variables get a fresh unknown id unless {@link #pathVariable} says otherwise, so a valid body usually
 * ends in the handler's 404 and a broken one in the validator's 400; either way never in a 5xx.
 */
public final class ApiFuzz {

    /** What was sent and how many answers were 5xx (each described). */
    public record Result(int requests, List<String> serverErrors) {
    }

    private static final Pattern VARIABLE = Pattern.compile("\\{([^}/:]+)(:[^}]*)?}");
    private static final List<String> QUERY_VALUES = List.of("", "x", "-1", "0", "99999999999999999999",
            "in:", "in:a,b", "nin:x", "gte:", "lt:2020-01-01", "x".repeat(5000), "%00", "%C3%28", "a%00b", "..",
            "true", "null", "%5B%5D");

    private final ApplicationContext context;
    private final String base;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private Function<String, String> pathVariable = name -> "nubofuzz0000000000000000000000000";
    private String serviceType = "";
    private int randomCasesPerSchema = 40;
    private long seed = 18;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ApiFuzz(ApplicationContext context, String base) {
        this.context = context;
        this.base = base;
    }

    public static ApiFuzz against(ApplicationContext context, String baseUrl) {
        return new ApiFuzz(context, baseUrl);
    }

    public ApiFuzz header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** The value for a path variable by name (e.g. a real project id); the default is an id that matches nothing. */
    public ApiFuzz pathVariable(Function<String, String> values) {
        this.pathVariable = values;
        return this;
    }

    /** The service type sent in {@code OpenStack-API-Version} for a schema with a {@code since} microversion. */
    public ApiFuzz serviceType(String type) {
        this.serviceType = type;
        return this;
    }

    public ApiFuzz randomCasesPerSchema(int n) {
        this.randomCasesPerSchema = n;
        return this;
    }

    public ApiFuzz seed(long seed) {
        this.seed = seed;
        return this;
    }

    public Result run() throws Exception {
        RequestSchemas schemas = context.getBean(RequestSchemas.class);
        SchemaFuzzer fuzzer = new SchemaFuzzer(schemas, seed);
        int sent = 0;
        List<String> errors = new ArrayList<>();
        for (ValidatedHandlers.Handler h : ValidatedHandlers.of(context)) {
            for (String pattern : h.paths()) {
                String path = fill(pattern);
                for (ValidatedBody body : h.bodies()) {
                    String type = h.consumes().isEmpty() ? MediaType.APPLICATION_JSON_VALUE
                            : h.consumes().iterator().next().toString();
                    for (SchemaFuzzer.Case c : fuzzer.cases(body.value(), randomCasesPerSchema)) {
                        for (RequestMethod m : h.methods()) {
                            sent++;
                            check(errors, m.name(), path, type, body.since(), c);
                        }
                    }
                }
                if (h.query() != null) {
                    for (String query : brokenQueries(fuzzer.validBody(h.query().value()))) {
                        sent++;
                        check(errors, "GET", path + "?" + query, null, "",
                                new SchemaFuzzer.Case("query " + query, null));
                    }
                }
            }
        }
        return new Result(sent, errors);
    }

    private void check(List<String> errors, String method, String path, String contentType, String since,
                       SchemaFuzzer.Case c) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .method(method, c.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(c.body()));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        if (!since.isEmpty()) {
            b.header("OpenStack-API-Version", (serviceType + " " + since).trim());
        }
        headers.forEach(b::header);
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 500) {
            String body = r.body() == null ? "" : r.body();
            errors.add(method + " " + path + " [" + c.description() + "] -> " + r.statusCode() + " "
                    + body.substring(0, Math.min(200, body.length())));
        }
    }

    /** For each parameter the query schema names: each hostile value alone, plus an unknown parameter. */
    private static List<String> brokenQueries(tools.jackson.databind.JsonNode valid) {
        List<String> out = new ArrayList<>();
        out.add("nubo_fuzz_unknown=x");
        List<String> names = new ArrayList<>();
        valid.propertyNames().forEach(names::add);
        for (String name : names) {
            for (String v : QUERY_VALUES) {
                String value = v.startsWith("%") || v.contains("%0") || v.contains("%C3") ? v
                        : URLEncoder.encode(v, StandardCharsets.UTF_8);
                out.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "=" + value);
            }
            out.add(name + "=a&" + name + "=b");
        }
        return out;
    }

    private String fill(String pattern) {
        Matcher m = VARIABLE.matcher(pattern);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(pathVariable.apply(m.group(1))));
        }
        m.appendTail(out);
        return out.toString().replace("/**", "/x");
    }
}
