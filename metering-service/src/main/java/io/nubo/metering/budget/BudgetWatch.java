package io.nubo.metering.budget;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Looks at every budget every {@code nubo.metering.budget.check-interval}: cost grows with time, not only with events. */
@Component
class BudgetWatch {

    private static final Logger log = LoggerFactory.getLogger(BudgetWatch.class);

    private final Budgets budgets;

    BudgetWatch(Budgets budgets) {
        this.budgets = budgets;
    }

    @Scheduled(fixedDelayString = "${nubo.metering.budget.check-interval:30s}",
            initialDelayString = "${nubo.metering.budget.check-interval:30s}")
    void check() {
        try {
            budgets.checkAll();
        } catch (RuntimeException e) {
            log.warn("Budget check failed, trying again at the next interval: {}", e.toString());
        }
    }
}
