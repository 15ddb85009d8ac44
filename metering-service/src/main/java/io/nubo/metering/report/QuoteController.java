package io.nubo.metering.report;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.nubo.shared.policy.Policy;
import io.nubo.shared.security.NuboPrincipal;
import io.nubo.shared.validation.ValidatedBody;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * CloudKitty's {@code POST /v1/rating/quote}: the price of one hour of resources before they exist (a portal's launch
 * wizard shows it), e.g. {@code {"resources": [{"service": "instance", "desc": {"flavor_id": "m1.small"},
 * "volume": 1}]}}, with the hashmap rules the caller's project is rated by.
 */
@RestController
class QuoteController {

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Resource(String service, Map<String, String> desc, BigDecimal volume) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record QuoteRequest(List<Resource> resources) {
    }

    private final UsageRating rating;

    QuoteController(UsageRating rating) {
        this.rating = rating;
    }

    @Policy("rating:quote")
    @ValidatedBody("metering/quote.json")
    @PostMapping({"/v1/rating/quote", "/v1/rating/quote/"})
    BigDecimal quote(@RequestBody QuoteRequest request, NuboPrincipal caller) {
        BigDecimal total = BigDecimal.ZERO;
        for (Resource r : request.resources()) {
            total = total.add(rating.hourlyPrice(r.service(), r.volume() == null ? BigDecimal.ONE : r.volume(),
                    r.desc() == null ? Map.of() : r.desc(), caller.projectId()));
        }
        return Money.round(total, 8);
    }
}
