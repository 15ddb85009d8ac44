package io.nubo.metering.policy;

import io.nubo.metering.MeteringError;
import io.nubo.shared.security.NuboPrincipal;
import org.springframework.stereotype.Component;

/**
 * Every access rule of the rating API in one table, named and defaulted as CloudKitty's policies
 * (cloudkitty/common/policies): configuration is the admin's; a project reads its own reports.
 */
@Component
public class RatingPolicy {

    /** Who a rule lets through. */
    enum Check { ADMIN, ANY, ADMIN_OR_OWNER }

    public enum Rule {
        MODULE_CONFIG("rating:module_config", Check.ADMIN),
        LIST_MODULES("rating:list_modules", Check.ADMIN),
        GET_MODULE("rating:get_module", Check.ADMIN),
        UPDATE_MODULE("rating:update_module", Check.ADMIN),
        GET_CONFIG("info:get_config", Check.ANY),
        METRICS_INFO("info:list_metrics_info", Check.ANY),
        LIST_TENANTS("report:list_tenants", Check.ADMIN),
        GET_SUMMARY("report:get_summary", Check.ADMIN_OR_OWNER),
        GET_TOTAL("report:get_total", Check.ADMIN_OR_OWNER),
        LIST_DATAFRAMES("storage:list_data_frames", Check.ADMIN_OR_OWNER),
        V2_SUMMARY("summary:get_summary", Check.ADMIN_OR_OWNER),
        V2_DATAFRAMES("dataframes:get", Check.ADMIN_OR_OWNER);

        private final String name;
        private final Check check;

        Rule(String name, Check check) {
            this.name = name;
            this.check = check;
        }
    }

    /** The caller, if the rule lets it act on {@code targetProject} (null: no particular project). */
    public NuboPrincipal authorize(Rule rule, String targetProject) {
        NuboPrincipal p = NuboPrincipal.current();
        boolean allowed = p != null && switch (rule.check) {
            case ANY -> true;
            case ADMIN -> p.isAdmin();
            case ADMIN_OR_OWNER -> p.isAdmin() || (p.projectId() != null && p.projectId().equals(targetProject));
        };
        if (!allowed) {
            throw MeteringError.E014_FORBIDDEN.with(rule.name);
        }
        return p;
    }

    public NuboPrincipal authorize(Rule rule) {
        return authorize(rule, null);
    }

    /** The caller (every rating path but discovery needs a token, so there is one). */
    public NuboPrincipal caller() {
        return NuboPrincipal.current();
    }
}
