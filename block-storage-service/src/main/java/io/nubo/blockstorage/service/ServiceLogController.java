package io.nubo.blockstorage.service;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.nubo.blockstorage.backend.VolumeServices;
import io.nubo.blockstorage.error.VolumeError;
import io.nubo.blockstorage.request.Caller;
import io.nubo.blockstorage.request.Json;
import io.nubo.blockstorage.request.Policy;
import io.nubo.shared.microversion.Microversions;
import io.nubo.shared.validation.ValidatedBody;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Microversion 3.32: {@code PUT os-services/set-log} and {@code get-log}, as Cinder's: the levels of the loggers
 * whose names start with {@code prefix} (every one for none; the root logger is not listed, as Python's unnamed
 * one), set to {@code INFO}, {@code WARNING}, {@code ERROR} or {@code DEBUG}, or read per service. Every service
 * Cinder would run ({@code cinder-api}, the scheduler, a volume service per backend) is this process, so they all
 * hold the same levels and a change reaches each; {@code binary} and {@code server} choose which are listed, as
 * Cinder's filters (the api's entry only for no server or this host). The loggers are Logback's, read and set
 * through its own API: Spring Boot's logging system is switched off in the all-in-one, whose services share one
 * Logback context, so there a change reaches the other services' loggers of that name too.
 */
@RestController
public class ServiceLogController {

    /** Microversion 3.32: set-log and get-log. */
    static final String LOG_LEVEL = "3.32";
    static final String API = "cinder-api";
    private static final List<String> LEVELS = List.of("INFO", "WARNING", "ERROR", "DEBUG");

    public record Levels(String host, String binary, Map<String, String> levels) {
    }

    public record LogLevels(@JsonProperty("log_levels") List<Levels> logLevels) {
    }

    private final VolumeServices services;

    public ServiceLogController(VolumeServices services) {
        this.services = services;
    }

    @PutMapping("/v3/{projectId}/os-services/set-log")
    @Microversions(min = LOG_LEVEL)
    @ValidatedBody("block-storage/service-log.json")
    public ResponseEntity<Void> setLog(Caller caller, @RequestBody JsonNode body) {
        caller.require(Policy.SERVICES_UPDATE);
        String level = Json.string(body, "level");
        String upper = level == null ? "" : level.toUpperCase(Locale.ROOT);
        if (!LEVELS.contains(upper)) {
            throw VolumeError.INVALID_INPUT.exception((level == null ? "" : level) + " is not a valid log level.");
        }
        String prefix = prefix(body);
        Level to = upper.equals("WARNING") ? Level.WARN : Level.toLevel(upper);
        for (Logger l : loggers()) {
            if (l.getName().startsWith(prefix)) {
                l.setLevel(to);
            }
        }
        return ResponseEntity.accepted().build();
    }

    @PutMapping("/v3/{projectId}/os-services/get-log")
    @Microversions(min = LOG_LEVEL)
    @ValidatedBody("block-storage/service-log.json")
    public LogLevels getLog(Caller caller, @RequestBody JsonNode body) {
        caller.require(Policy.SERVICES_UPDATE);
        if (Json.present(body, "level")) {
            // Cinder's get_log schema has no level
            throw VolumeError.BAD_REQUEST.exception("Invalid input for field/attribute get-log. Value: "
                    + body + ". Additional properties are not allowed ('level' was unexpected)");
        }
        String binary = Json.string(body, "binary");
        String server = Json.string(body, "server");
        boolean every = binary == null || binary.isEmpty() || binary.equals("*");
        Map<String, String> levels = levels(prefix(body));
        List<Levels> out = new ArrayList<>();
        if ((every || binary.equals(API)) && (server == null || server.isEmpty() || server.equals(services.host()))) {
            out.add(new Levels(services.host(), API, levels));
        }
        if (binary == null || !binary.equals(API)) {
            for (VolumeServices.Info i : services.all()) {
                if ((every || binary.equals(i.binary()))
                        && (server == null || server.isEmpty() || VolumeServices.hostMatches(server, i.host()))) {
                    out.add(new Levels(i.host(), i.binary(), levels));
                }
            }
        }
        return new LogLevels(out);
    }

    /** Before 3.32 Cinder has no such method for the version: its 404 (not os-services' unknown action). */
    @PutMapping({"/v3/{projectId}/os-services/set-log", "/v3/{projectId}/os-services/get-log"})
    @Microversions(min = "3.0", max = "3.31")
    public ResponseEntity<Void> before(Caller caller) {
        throw VolumeError.NOT_FOUND.exception("The resource could not be found.");
    }

    private static String prefix(JsonNode body) {
        String p = Json.string(body, "prefix");
        return p == null ? "" : p;
    }

    /** Python's level names for the effective levels (Logback's WARN is WARNING, its OFF CRITICAL). */
    private static Map<String, String> levels(String prefix) {
        Map<String, String> m = new TreeMap<>();
        for (Logger l : loggers()) {
            if (l.getName().startsWith(prefix)) {
                Level e = l.getEffectiveLevel();
                m.put(l.getName(), e == Level.WARN ? "WARNING" : e == Level.OFF ? "CRITICAL" : e.toString());
            }
        }
        return m;
    }

    private static List<Logger> loggers() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return List.of();
        }
        return context.getLoggerList().stream().filter(l -> !l.getName().equals(Logger.ROOT_LOGGER_NAME)).toList();
    }
}
