package io.nubo.metering.info;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.nubo.metering.error.MeteringError;
import io.nubo.metering.ledger.Metric;
import io.nubo.shared.policy.Policy;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /v1/info}: the metrics the ledger keeps, as CloudKitty describes its collected metrics. {@code config} is
 * what CloudKitty's metrics.yml would say for them (events, not a collector, fill them; there is no period).
 */
@RestController
class InfoController {

    record MetricInfo(@JsonProperty("metric_id") String metricId, List<String> metadata, String unit) {
        static MetricInfo of(Metric m) {
            return new MetricInfo(m.type(), m.metadata(), m.unit());
        }
    }

    record MetricInfos(List<MetricInfo> metrics) {
    }

    record MetricConfig(String unit, @JsonProperty("alt_name") String altName, List<String> groupby,
                        List<String> metadata) {
    }

    @Policy("info:get_config")
    @GetMapping({"/v1/info/config", "/v1/info/config/"})
    Map<String, Object> config() {
        Map<String, MetricConfig> metrics = new LinkedHashMap<>();
        for (Metric m : Metric.values()) {
            metrics.put(m.type(), new MetricConfig(m.unit(), m.type(), List.of("id", "project_id"), m.metadata()));
        }
        return Map.of("metrics", metrics);
    }

    @Policy("info:list_metrics_info")
    @GetMapping({"/v1/info/metrics", "/v1/info/metrics/", "/v1/info/services", "/v1/info/services/"})
    MetricInfos metrics() {
        return new MetricInfos(Arrays.stream(Metric.values()).map(MetricInfo::of).toList());
    }

    @Policy("info:get_metric_info")
    @GetMapping({"/v1/info/metrics/{name}", "/v1/info/services/{name}"})
    MetricInfo metric(@PathVariable String name) {
        return Metric.ofType(name).map(MetricInfo::of).orElseThrow(() -> MeteringError.E016_NO_SUCH_METRIC.with(name));
    }
}
