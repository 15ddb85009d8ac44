package io.nubo.metering.budget;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.nubo.shared.policy.Policy;
import io.nubo.shared.validation.ValidatedBody;
import java.math.BigDecimal;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Nubo's budgets (beyond CloudKitty): {@code /nubo/v1/projects/{project_id}/budget}; set by the admin. */
@RestController
class BudgetController {

    @JsonIgnoreProperties(ignoreUnknown = true)
    record BudgetRequest(BigDecimal amount) {
    }

    record BudgetView(@JsonProperty("project_id") String projectId, String amount, String currency, String month,
                      @JsonProperty("cost_this_month") String costThisMonth,
                      @JsonProperty("thresholds_reached") List<Integer> thresholdsReached) {
    }

    private final Budgets budgets;

    BudgetController(Budgets budgets) {
        this.budgets = budgets;
    }

    private BudgetView view(Budgets.Budget b) {
        return new BudgetView(b.projectId(), b.amount().stripTrailingZeros().toPlainString(), budgets.currency(),
                b.month(), b.costThisMonth().stripTrailingZeros().toPlainString(), b.reached());
    }

    @Policy("nubo:set_budget")
    @ValidatedBody("metering/budget-set.json")
    @PutMapping("/nubo/v1/projects/{project_id}/budget")
    BudgetView set(@PathVariable("project_id") String projectId, @RequestBody BudgetRequest request) {
        return view(budgets.set(projectId, request.amount()));
    }

    @Policy("nubo:get_budget")
    @GetMapping("/nubo/v1/projects/{project_id}/budget")
    BudgetView get(@PathVariable("project_id") String projectId) {
        return view(budgets.get(projectId));
    }

    @Policy("nubo:delete_budget")
    @DeleteMapping("/nubo/v1/projects/{project_id}/budget")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable("project_id") String projectId) {
        budgets.delete(projectId);
    }
}
