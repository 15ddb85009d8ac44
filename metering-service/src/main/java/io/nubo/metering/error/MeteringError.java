package io.nubo.metering.error;

import io.nubo.shared.web.OpenStackException;
import org.springframework.http.HttpStatus;

/** The metering service's numbered errors; messages as CloudKitty words them where it has one. */
public enum MeteringError {
    E001_NO_SUCH_SERVICE(HttpStatus.NOT_FOUND, "No such service: %s"),
    E002_NO_SUCH_FIELD(HttpStatus.NOT_FOUND, "No such field: %s"),
    E003_NO_SUCH_GROUP(HttpStatus.NOT_FOUND, "No such group: %s"),
    E004_NO_SUCH_MAPPING(HttpStatus.NOT_FOUND, "No such mapping: %s"),
    E005_NO_SUCH_THRESHOLD(HttpStatus.NOT_FOUND, "No such threshold: %s"),
    E006_SERVICE_EXISTS(HttpStatus.CONFLICT, "Service %s already exists (UUID: %s)"),
    E007_FIELD_EXISTS(HttpStatus.CONFLICT, "Field %s already exists (UUID: %s)"),
    E008_GROUP_EXISTS(HttpStatus.CONFLICT, "Group %s already exists (UUID: %s)"),
    E009_MAPPING_EXISTS(HttpStatus.CONFLICT, "Mapping %s already exists (UUID: %s)"),
    E010_THRESHOLD_EXISTS(HttpStatus.CONFLICT, "Threshold %s already exists (UUID: %s)"),
    E011_INVALID_INPUT(HttpStatus.BAD_REQUEST, "%s"),
    E012_MAPPING_HAS_NO_GROUP(HttpStatus.NOT_FOUND, "Mapping has no group (UUID: %s)"),
    E013_NO_SUCH_MODULE(HttpStatus.NOT_FOUND, "Module not found."),
    E015_NOT_FOUND(HttpStatus.NOT_FOUND, "The resource could not be found."),
    E016_NO_SUCH_METRIC(HttpStatus.NOT_FOUND, "%s"),
    E017_NO_BUDGET(HttpStatus.NOT_FOUND, "No budget for project %s");

    private final HttpStatus status;
    private final String template;

    MeteringError(HttpStatus status, String template) {
        this.status = status;
        this.template = template;
    }

    public OpenStackException with(Object... args) {
        return new OpenStackException(status, name(), String.format(template, args));
    }
}
