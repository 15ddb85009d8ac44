package io.nubo.metering.hashmap;

import io.nubo.metering.error.MeteringError;
import io.nubo.metering.hashmap.api.HashmapApi;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The hashmap module's rules: their checks (as CloudKitty's hashmap db api makes them) and the rater snapshot. */
@Service
@Transactional
public class HashmapConfig {

    static final List<String> TYPES = List.of("flat", "rate");

    private final ServiceRepository services;
    private final FieldRepository fields;
    private final GroupRepository groups;
    private final MappingRepository mappings;
    private final ThresholdRepository thresholds;

    HashmapConfig(ServiceRepository services, FieldRepository fields, GroupRepository groups,
                  MappingRepository mappings, ThresholdRepository thresholds) {
        this.services = services;
        this.fields = fields;
        this.groups = groups;
        this.mappings = mappings;
        this.thresholds = thresholds;
    }

    // services

    @Transactional(readOnly = true)
    public List<HashmapApi.Service> listServices() {
        return services.findAllByOrderByName().stream().map(HashmapConfig::view).toList();
    }

    @Transactional(readOnly = true)
    public HashmapApi.Service service(String id) {
        return view(findService(id));
    }

    public HashmapApi.Service createService(HashmapApi.Service in) {
        String name = required(in == null ? null : in.name(), "name");
        services.findByName(name).ifPresent(s -> {
            throw MeteringError.E006_SERVICE_EXISTS.with(name, s.id);
        });
        return view(services.save(new HashmapService(UUID.randomUUID().toString(), name)));
    }

    public void deleteService(String id) {
        services.delete(findService(id));
    }

    // fields

    @Transactional(readOnly = true)
    public List<HashmapApi.Field> listFields(String serviceId) {
        findService(required(serviceId, "service_id"));
        return fields.findByServiceIdOrderByName(serviceId).stream().map(HashmapConfig::view).toList();
    }

    @Transactional(readOnly = true)
    public HashmapApi.Field field(String id) {
        return view(findField(id));
    }

    public HashmapApi.Field createField(HashmapApi.Field in) {
        String name = required(in == null ? null : in.name(), "name");
        HashmapService s = findService(required(in.serviceId(), "service_id"));
        fields.findByServiceIdAndName(s.id, name).ifPresent(f -> {
            throw MeteringError.E007_FIELD_EXISTS.with(name, f.id);
        });
        return view(fields.save(new HashmapField(UUID.randomUUID().toString(), s.id, name)));
    }

    public void deleteField(String id) {
        fields.delete(findField(id));
    }

    // groups

    @Transactional(readOnly = true)
    public List<HashmapApi.Group> listGroups() {
        return groups.findAllByOrderByName().stream().map(HashmapConfig::view).toList();
    }

    @Transactional(readOnly = true)
    public HashmapApi.Group group(String id) {
        return view(findGroup(id));
    }

    public HashmapApi.Group createGroup(HashmapApi.Group in) {
        String name = required(in == null ? null : in.name(), "name");
        groups.findByName(name).ifPresent(g -> {
            throw MeteringError.E008_GROUP_EXISTS.with(name, g.id);
        });
        return view(groups.save(new HashmapGroup(UUID.randomUUID().toString(), name)));
    }

    /** Deletes a group; its rules go with it when {@code recursive}, else they stay without a group. */
    public void deleteGroup(String id, boolean recursive) {
        HashmapGroup g = findGroup(id);
        List<HashmapMapping> ms = mappings.findByGroupId(id);
        List<HashmapThreshold> ts = thresholds.findByGroupId(id);
        if (recursive) {
            mappings.deleteAll(ms);
            thresholds.deleteAll(ts);
        } else {
            ms.forEach(m -> m.groupId = null);
            ts.forEach(t -> t.groupId = null);
        }
        groups.delete(g);
    }

    @Transactional(readOnly = true)
    public List<HashmapApi.Mapping> groupMappings(String groupId) {
        findGroup(required(groupId, "group_id"));
        return mappings.findByGroupId(groupId).stream().map(HashmapConfig::view).toList();
    }

    @Transactional(readOnly = true)
    public List<HashmapApi.Threshold> groupThresholds(String groupId) {
        findGroup(required(groupId, "group_id"));
        return thresholds.findByGroupId(groupId).stream().map(HashmapConfig::view).toList();
    }

    // mappings and thresholds

    /** Which rules a list asks for (CloudKitty's list_mappings/list_thresholds arguments). */
    public record RuleFilter(String serviceId, String fieldId, String groupId, boolean noGroup, String tenantId,
                             boolean filterTenant) {
        boolean matches(HashmapRule r) {
            return (serviceId == null || serviceId.equals(r.serviceId))
                    && (fieldId == null || fieldId.equals(r.fieldId))
                    && (groupId == null || groupId.equals(r.groupId))
                    && (!noGroup || r.groupId == null)
                    && (!filterTenant || Objects.equals(tenantId, r.tenantId));
        }
    }

    @Transactional(readOnly = true)
    public List<HashmapApi.Mapping> listMappings(RuleFilter f) {
        requireScope(f);
        return mappings.findAll().stream().filter(f::matches).map(HashmapConfig::view).toList();
    }

    @Transactional(readOnly = true)
    public List<HashmapApi.Threshold> listThresholds(RuleFilter f) {
        requireScope(f);
        return thresholds.findAll().stream().filter(f::matches).map(HashmapConfig::view).toList();
    }

    @Transactional(readOnly = true)
    public HashmapApi.Mapping mapping(String id) {
        return view(findMapping(id));
    }

    @Transactional(readOnly = true)
    public HashmapApi.Threshold threshold(String id) {
        return view(findThreshold(id));
    }

    @Transactional(readOnly = true)
    public HashmapApi.Group mappingGroup(String mappingId) {
        HashmapMapping m = findMapping(required(mappingId, "mapping_id"));
        if (m.groupId == null) {
            throw MeteringError.E012_MAPPING_HAS_NO_GROUP.with(mappingId);
        }
        return view(findGroup(m.groupId));
    }

    public HashmapApi.Mapping createMapping(HashmapApi.Mapping in) {
        if (in == null) {
            throw invalid("The request body is missing.");
        }
        HashmapMapping m = new HashmapMapping();
        m.id = UUID.randomUUID().toString();
        fill(m, in.type(), in.cost(), in.serviceId(), in.fieldId(), in.groupId(), in.tenantId());
        String value = in.value() == null || in.value().isEmpty() ? null : in.value();
        if (m.fieldId != null && value == null) {
            throw invalid("You must specify a value for a field mapping.");
        }
        if (m.serviceId != null && value != null) {
            throw invalid("You can't specify a value when using a service mapping.");
        }
        m.value = value;
        mappings.findAll().stream().filter(o -> Objects.equals(o.serviceId, m.serviceId)
                        && Objects.equals(o.fieldId, m.fieldId) && Objects.equals(o.value, m.value)
                        && Objects.equals(o.groupId, m.groupId) && Objects.equals(o.tenantId, m.tenantId))
                .findFirst().ifPresent(o -> {
                    throw MeteringError.E009_MAPPING_EXISTS.with(value == null ? "" : value, o.id);
                });
        return view(mappings.save(m));
    }

    /** Changes a mapping's value, type, cost, group or project (what CloudKitty's PUT accepts). */
    public HashmapApi.Mapping updateMapping(String id, HashmapApi.Mapping in) {
        HashmapMapping m = findMapping(id);
        if (in == null) {
            throw invalid("The request body is missing.");
        }
        fill(m, in.type() == null ? m.type : in.type(), in.cost() == null ? m.cost.toPlainString() : in.cost(),
                m.serviceId, m.fieldId, blankToNull(in.groupId()), blankToNull(in.tenantId()));
        if (m.fieldId != null && in.value() != null && !in.value().isEmpty()) {
            m.value = in.value();
        }
        return view(m);
    }

    public void deleteMapping(String id) {
        mappings.delete(findMapping(id));
    }

    public HashmapApi.Threshold createThreshold(HashmapApi.Threshold in) {
        if (in == null) {
            throw invalid("The request body is missing.");
        }
        HashmapThreshold t = new HashmapThreshold();
        t.id = UUID.randomUUID().toString();
        fill(t, in.type(), in.cost(), in.serviceId(), in.fieldId(), in.groupId(), in.tenantId());
        t.level = decimal(in.level() == null ? "0" : in.level(), "level");
        thresholds.findAll().stream().filter(o -> Objects.equals(o.serviceId, t.serviceId)
                        && Objects.equals(o.fieldId, t.fieldId) && o.level.compareTo(t.level) == 0
                        && Objects.equals(o.groupId, t.groupId) && Objects.equals(o.tenantId, t.tenantId))
                .findFirst().ifPresent(o -> {
                    throw MeteringError.E010_THRESHOLD_EXISTS.with(t.level.toPlainString(), o.id);
                });
        return view(thresholds.save(t));
    }

    public HashmapApi.Threshold updateThreshold(String id, HashmapApi.Threshold in) {
        HashmapThreshold t = findThreshold(id);
        if (in == null) {
            throw invalid("The request body is missing.");
        }
        fill(t, in.type() == null ? t.type : in.type(), in.cost() == null ? t.cost.toPlainString() : in.cost(),
                t.serviceId, t.fieldId, blankToNull(in.groupId()), blankToNull(in.tenantId()));
        if (in.level() != null) {
            t.level = decimal(in.level(), "level");
        }
        return view(t);
    }

    public void deleteThreshold(String id) {
        thresholds.delete(findThreshold(id));
    }

    /** Every rule, with service and field names resolved, for the {@link Rater}. */
    @Transactional(readOnly = true)
    public Rater rater() {
        Map<String, String> serviceNames = services.findAll().stream()
                .collect(Collectors.toMap(s -> s.id, s -> s.name));
        Map<String, HashmapField> fieldsById = fields.findAll().stream()
                .collect(Collectors.toMap(f -> f.id, Function.identity()));
        List<Rater.Rule> rules = new ArrayList<>();
        for (HashmapMapping m : mappings.findAll()) {
            rules.add(rule(false, m, m.value, null, serviceNames, fieldsById));
        }
        for (HashmapThreshold t : thresholds.findAll()) {
            rules.add(rule(true, t, null, t.level, serviceNames, fieldsById));
        }
        return new Rater(rules.stream().filter(r -> r.service() != null).toList());
    }

    private static Rater.Rule rule(boolean threshold, HashmapRule r, String value, BigDecimal level,
                                   Map<String, String> serviceNames, Map<String, HashmapField> fieldsById) {
        HashmapField f = r.fieldId == null ? null : fieldsById.get(r.fieldId);
        String service = f != null ? serviceNames.get(f.serviceId) : serviceNames.get(r.serviceId);
        return new Rater.Rule(threshold, r.type, r.cost, service, f == null ? null : f.name, value, level, r.groupId,
                r.tenantId);
    }

    // checks

    private void fill(HashmapRule r, String type, String cost, String serviceId, String fieldId, String groupId,
                      String tenantId) {
        // the request schemas (schemas/metering) admit only flat or rate and no negative amount
        String t = type == null || type.isEmpty() ? "flat" : type;
        BigDecimal c = decimal(required(cost, "cost"), "cost");
        String service = blankToNull(serviceId);
        String field = blankToNull(fieldId);
        if ((service == null) == (field == null)) {
            throw invalid("You must specify either a field or a service (and not both).");
        }
        if (service != null) {
            findService(service);
        } else {
            findField(field);
        }
        String group = blankToNull(groupId);
        if (group != null) {
            findGroup(group);
        }
        r.type = t;
        r.cost = c;
        r.serviceId = service;
        r.fieldId = field;
        r.groupId = group;
        r.tenantId = blankToNull(tenantId);
    }

    private static void requireScope(RuleFilter f) {
        if (f.serviceId() == null && f.fieldId() == null && f.groupId() == null) {
            throw invalid("You must specify either service_id, field_id or group_id.");
        }
    }

    static BigDecimal decimal(String text, String attribute) {
        try {
            return new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            throw invalid("Invalid input for field/attribute " + attribute + ". Value: '" + text
                    + "'. Invalid decimal value");
        }
    }

    private static String required(String value, String attribute) {
        if (value == null || value.isBlank()) {
            throw invalid("Invalid input for field/attribute " + attribute + ". Value: 'None'. Mandatory field missing.");
        }
        return value;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static RuntimeException invalid(String message) {
        return MeteringError.E011_INVALID_INPUT.with(message);
    }

    private HashmapService findService(String id) {
        return services.findById(id).orElseThrow(() -> MeteringError.E001_NO_SUCH_SERVICE.with(id));
    }

    private HashmapField findField(String id) {
        return fields.findById(id).orElseThrow(() -> MeteringError.E002_NO_SUCH_FIELD.with(id));
    }

    private HashmapGroup findGroup(String id) {
        return groups.findById(id).orElseThrow(() -> MeteringError.E003_NO_SUCH_GROUP.with(id));
    }

    private HashmapMapping findMapping(String id) {
        return mappings.findById(id).orElseThrow(() -> MeteringError.E004_NO_SUCH_MAPPING.with(id));
    }

    private HashmapThreshold findThreshold(String id) {
        return thresholds.findById(id).orElseThrow(() -> MeteringError.E005_NO_SUCH_THRESHOLD.with(id));
    }

    // views

    private static HashmapApi.Service view(HashmapService s) {
        return new HashmapApi.Service(s.id, s.name);
    }

    private static HashmapApi.Field view(HashmapField f) {
        return new HashmapApi.Field(f.id, f.name, f.serviceId);
    }

    private static HashmapApi.Group view(HashmapGroup g) {
        return new HashmapApi.Group(g.id, g.name);
    }

    private static HashmapApi.Mapping view(HashmapMapping m) {
        return new HashmapApi.Mapping(m.id, m.value == null ? "" : m.value, m.type, plain(m.cost),
                m.serviceId, m.fieldId, m.groupId, m.tenantId);
    }

    private static HashmapApi.Threshold view(HashmapThreshold t) {
        return new HashmapApi.Threshold(t.id, plain(t.level), t.type, plain(t.cost), t.serviceId,
                t.fieldId, t.groupId, t.tenantId);
    }

    private static String plain(BigDecimal d) {
        return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
    }
}
