package io.nubo.testsupport.tenancy;

import io.nubo.shared.validation.ValidatedHandlers;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.ApplicationContext;
import org.springframework.web.bind.annotation.RequestMethod;

/**
 * Issue 14's cross-tenant matrix: every handler of a service that names a resource in its path, called by a
 * member of another project with the first project's ids. The service's test gives the ids (path variable name
 * to value), a body per call where a write needs one to get past validation, and sends each {@link Call}; then
 * {@link #leaks} lists every answer that let the stranger in: a 2xx or 3xx (or a 5xx), or a body that shows one
 * of the owner's secrets. The test also reads the owner's resources before and after, so a write that answered
 * 4xx but changed something fails too.
 */
public final class CrossTenantMatrix {

    private static final Pattern VARIABLE = Pattern.compile("\\{([^}:]+)(?::[^}]*)?}");

    /** One request: method and a path with the owner's ids filled in; {@code pattern} is the handler's. */
    public record Call(String method, String pattern, String path) {
    }

    /** What the stranger got. */
    public record Answer(Call call, int status, String body) {
    }

    private CrossTenantMatrix() {
    }

    /**
     * The calls: each method of each handler whose paths have at least one variable, with every variable filled
     * from {@code ids}. A pattern whose variable has no value in {@code ids} is returned in {@code unfilled}, so
     * the test can require that nothing was left out.
     */
    public static List<Call> calls(ApplicationContext context, Map<String, String> ids, Set<String> unfilled) {
        List<Call> out = new ArrayList<>();
        for (ValidatedHandlers.Handler h : ValidatedHandlers.of(context)) {
            Set<RequestMethod> methods = h.methods().isEmpty()
                    ? Set.of(RequestMethod.GET, RequestMethod.PUT, RequestMethod.POST, RequestMethod.DELETE)
                    : h.methods();
            for (String pattern : h.paths()) {
                Matcher m = VARIABLE.matcher(pattern);
                if (!m.find()) {
                    continue;
                }
                String path = fill(pattern, ids);
                if (path == null) {
                    unfilled.add(pattern);
                    continue;
                }
                for (RequestMethod method : methods) {
                    out.add(new Call(method.name(), pattern, path));
                }
            }
        }
        out.sort(java.util.Comparator.comparing(Call::path).thenComparing(Call::method));
        return out;
    }

    private static String fill(String pattern, Map<String, String> ids) {
        Matcher m = VARIABLE.matcher(pattern);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String value = ids.get(m.group(1));
            if (value == null) {
                return null;
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(value));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** The answers that let the stranger in, each as one line; empty when the service kept the owner's things. */
    public static List<String> leaks(List<Answer> answers, Set<String> secrets) {
        List<String> out = new ArrayList<>();
        for (Answer a : answers) {
            String shown = secrets.stream().filter(s -> a.body() != null && a.body().contains(s)).findFirst()
                    .orElse(null);
            if (a.status() < 400 || a.status() >= 500 || shown != null) {
                out.add(a.call().method() + " " + a.call().path() + " -> " + a.status()
                        + (shown == null ? "" : " showing " + shown) + ": "
                        + (a.body() == null ? "" : a.body().substring(0, Math.min(200, a.body().length()))));
            }
        }
        return out;
    }

    /** How many answers had each status, for the test's report. */
    public static Map<Integer, Integer> statuses(List<Answer> answers) {
        Map<Integer, Integer> out = new TreeMap<>();
        for (Answer a : answers) {
            out.merge(a.status(), 1, Integer::sum);
        }
        return out;
    }

    /** The distinct handler patterns the calls cover. */
    public static Set<String> patterns(List<Call> calls) {
        Set<String> out = new LinkedHashSet<>();
        calls.forEach(c -> out.add(c.pattern()));
        return out;
    }
}
