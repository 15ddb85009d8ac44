package io.nubo.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Every change other services follow is written to the outbox, in the change's transaction. */
class IdentityEventsApiTest extends IdentityHttpTest {

    List<String> eventsAbout(String id) {
        return jdbc.queryForList("SELECT envelope FROM nubo_outbox WHERE topic = 'nubo.identity.v1' AND envelope LIKE ?"
                + " ORDER BY id", String.class, "%" + id + "%").stream()
                .map(e -> JSON.readTree(e).get("event_type").asString()).toList();
    }


    @Test
    void projectUserAndAssignmentChangesAreAnnounced() throws Exception {
        String admin = adminToken();
        String project = create(admin, "projects", "project", "{\"name\": \"ev-p\"}");
        String user = create(admin, "users", "user", "{\"name\": \"ev-u\", \"password\": \"pw\"}");
        String role = create(admin, "roles", "role", "{\"name\": \"ev-r\"}");
        String grant = "/v3/projects/" + project + "/users/" + user + "/roles/" + role;
        call("PUT", grant, null, "X-Auth-Token", admin);
        call("PUT", grant, null, "X-Auth-Token", admin);
        call("DELETE", grant, null, "X-Auth-Token", admin);
        call("PATCH", "/v3/users/" + user, "{\"user\": {\"enabled\": false}}", "X-Auth-Token", admin);
        call("DELETE", "/v3/users/" + user, null, "X-Auth-Token", admin);
        call("PATCH", "/v3/projects/" + project, "{\"project\": {\"enabled\": false}}", "X-Auth-Token", admin);
        call("DELETE", "/v3/projects/" + project, null, "X-Auth-Token", admin);

        assertThat(eventsAbout(project)).containsExactly("identity.project.created",
                "identity.role_assignment.created", "identity.role_assignment.removed", "identity.project.disabled",
                "identity.project.deleted");
        assertThat(eventsAbout(user)).containsExactly("identity.role_assignment.created",
                "identity.role_assignment.removed", "identity.user.disabled", "identity.user.deleted");
        assertThat(call("POST", "/v3/projects", "{\"project\": {\"name\": \"\"}}", "X-Auth-Token", admin).status())
                .isEqualTo(400);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM nubo_outbox WHERE envelope LIKE '%\"name\":\"\"%'",
                Long.class)).as("a refused change announces nothing").isZero();
    }
}
