package io.nubo.metering.config;

import static io.nubo.shared.policy.PolicyRule.action;
import static io.nubo.shared.policy.PolicyRule.base;

import io.nubo.shared.policy.PolicyTable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The rating API's access rules as data, named and defaulted as CloudKitty's (cloudkitty/common/policies): the
 * rating configuration is the admin's; a project reads its own reports. Report handlers pass the project a report is
 * of as {@code project_id}; a report of all projects has none, so only the admin rule lets it through.
 */
@Configuration(proxyBeanMethods = false)
public class MeteringPolicies {

    public static final PolicyTable TABLE = PolicyTable.of(
            base("admin_api", "role:admin", "An administrator."),
            base("admin_or_owner", "rule:admin_api or project_id:%(project_id)s",
                    "An administrator, or a member of the project concerned."),

            action("rating:module_config", "rule:admin_api", "Configure a rating module (hashmap).",
                    "GET|POST|PUT|DELETE /v1/rating/module_config/hashmap/*"),
            action("rating:list_modules", "rule:admin_api", "List the rating modules.",
                    "GET /v1/rating/modules", "GET /v2/rating/modules"),
            action("rating:get_module", "rule:admin_api", "Show a rating module.",
                    "GET /v1/rating/modules/{id}", "GET /v2/rating/modules/{id}"),
            action("rating:update_module", "rule:admin_api", "Enable, disable or reorder a rating module.",
                    "PUT /v1/rating/modules/{id}", "PUT /v2/rating/modules/{id}"),
            action("rating:quote", "@", "The price of resources before they exist.", "POST /v1/rating/quote"),
            action("info:get_config", "@", "Show the metrics configuration.", "GET /v1/info/config"),
            action("info:list_metrics_info", "@", "List the metrics.", "GET /v1/info/metrics"),
            action("info:get_metric_info", "@", "Show a metric.", "GET /v1/info/metrics/{name}"),
            action("report:list_tenants", "rule:admin_api", "List the projects that have rated usage.",
                    "GET /v1/report/tenants"),
            action("report:get_summary", "rule:admin_or_owner", "A project's rated summary.",
                    "GET /v1/report/summary"),
            action("report:get_total", "rule:admin_or_owner", "A project's rated total.", "GET /v1/report/total"),
            action("storage:list_data_frames", "rule:admin_or_owner", "A project's rated data frames.",
                    "GET /v1/storage/dataframes"),
            action("summary:get_summary", "rule:admin_or_owner", "The v2 summary (a project's own unless admin).",
                    "GET /v2/summary"),
            action("dataframes:get", "rule:admin_or_owner", "The v2 data frames (a project's own unless admin).",
                    "GET /v2/dataframes"),
            action("nubo:get_statement", "rule:admin_or_owner", "A project's monthly statement (Nubo).",
                    "GET /nubo/v1/projects/{project_id}/statements/{month}"),
            action("nubo:set_budget", "rule:admin_api", "Set a project's monthly budget (Nubo).",
                    "PUT /nubo/v1/projects/{project_id}/budget"),
            action("nubo:get_budget", "rule:admin_or_owner", "A project's budget and its cost this month (Nubo).",
                    "GET /nubo/v1/projects/{project_id}/budget"),
            action("nubo:delete_budget", "rule:admin_api", "Remove a project's budget (Nubo).",
                    "DELETE /nubo/v1/projects/{project_id}/budget"));

    @Bean
    PolicyTable meteringPolicyTable() {
        return TABLE;
    }
}
