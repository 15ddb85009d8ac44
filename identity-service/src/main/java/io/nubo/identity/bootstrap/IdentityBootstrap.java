package io.nubo.identity.bootstrap;

import io.nubo.identity.assignment.ImpliedRoleEntity;
import io.nubo.identity.assignment.ImpliedRoleRepository;
import io.nubo.identity.assignment.RoleAssignmentEntity;
import io.nubo.identity.assignment.RoleAssignments;
import io.nubo.identity.catalog.EndpointEntity;
import io.nubo.identity.catalog.EndpointRepository;
import io.nubo.identity.catalog.RegionEntity;
import io.nubo.identity.catalog.RegionRepository;
import io.nubo.identity.catalog.ServiceEntity;
import io.nubo.identity.catalog.ServiceRepository;
import io.nubo.identity.directory.DomainEntity;
import io.nubo.identity.directory.DomainRepository;
import io.nubo.identity.directory.ProjectEntity;
import io.nubo.identity.directory.ProjectRepository;
import io.nubo.identity.directory.RoleEntity;
import io.nubo.identity.directory.RoleRepository;
import io.nubo.identity.directory.UserEntity;
import io.nubo.identity.directory.UserRepository;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What {@code keystone-manage bootstrap} does, on every start and idempotently: the default domain, the admin
 * project, user and roles, the region and the catalog. Runs before the web server opens, so a ready identity is a
 * bootstrapped one.
 */
@Component
public class IdentityBootstrap implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(IdentityBootstrap.class);
    public static final String DEFAULT_DOMAIN = "default";
    public static final String SERVICE_PROJECT = "service";
    static final List<String> ROLES = List.of("admin", "member", "reader", "service", "ResellerAdmin");

    private final BootstrapProperties props;
    private final AdminPasswordFile passwordFile;
    private final TransactionTemplate tx;
    private final PasswordEncoder encoder;
    private final DomainRepository domains;
    private final ProjectRepository projects;
    private final UserRepository users;
    private final RoleRepository roles;
    private final RoleAssignments assignments;
    private final CatalogBootstrap catalog;
    private final ImpliedRoleRepository implied;

    public IdentityBootstrap(BootstrapProperties props, AdminPasswordFile passwordFile, TransactionTemplate tx,
                             PasswordEncoder encoder, DomainRepository domains, ProjectRepository projects,
                             UserRepository users, RoleRepository roles, RoleAssignments assignments,
                             CatalogBootstrap catalog, ImpliedRoleRepository implied) {
        this.implied = implied;
        this.props = props;
        this.passwordFile = passwordFile;
        this.tx = tx;
        this.encoder = encoder;
        this.domains = domains;
        this.projects = projects;
        this.users = users;
        this.roles = roles;
        this.assignments = assignments;
        this.catalog = catalog;
    }

    @Override
    public void afterSingletonsInstantiated() {
        tx.executeWithoutResult(s -> run());
    }

    void run() {
        if (!domains.existsById(DEFAULT_DOMAIN)) {
            domains.save(new DomainEntity(DEFAULT_DOMAIN, "Default", "The default domain", true));
        }
        ProjectEntity admin = projects.findByDomainIdAndName(DEFAULT_DOMAIN, "admin")
                .orElseGet(() -> projects.save(new ProjectEntity(newId(), "admin", DEFAULT_DOMAIN, null,
                        "Bootstrap project for initializing the cloud.", true)));
        Map<String, RoleEntity> byName = ROLES.stream().map(name -> roles.findByDomainIdAndName(RoleEntity.GLOBAL, name)
                        .orElseGet(() -> roles.save(new RoleEntity(newId(), name, null, null))))
                .collect(Collectors.toMap(RoleEntity::getName, Function.identity()));
        UserEntity user = users.findByDomainIdAndName(DEFAULT_DOMAIN, "admin").orElseGet(() -> {
            String password = props.adminPassword();
            if (password == null || password.isBlank()) {
                password = passwordFile.generateAndWrite();
                log.info("Generated the admin password; it is in {}", passwordFile.path());
            }
            return users.save(new UserEntity(newId(), "admin", DEFAULT_DOMAIN, encoder.encode(password), true));
        });
        String adminRole = byName.get("admin").getId();
        // Keystone's default role hierarchy: admin implies member, member implies reader
        implies(adminRole, byName.get("member").getId());
        implies(byName.get("member").getId(), byName.get("reader").getId());
        assignments.grant(user.getId(), RoleAssignmentEntity.PROJECT, admin.getId(), adminRole);
        assignments.grant(user.getId(), RoleAssignmentEntity.SYSTEM, RoleAssignmentEntity.SYSTEM_ALL, adminRole);
        serviceUsers(byName.get("service").getId());
        catalog.ensure(props.publicUrl(), props.region());
    }

    /**
     * DevStack's service project and users: each service user holds only role {@code service} on project
     * {@code service}, which other services' policies name where a service must act (reading any image's data to
     * boot or to fill a volume). A user that exists already is left as the operator made it.
     */
    private void serviceUsers(String serviceRole) {
        if (props.serviceUsers().isEmpty()) {
            return;
        }
        ProjectEntity project = projects.findByDomainIdAndName(DEFAULT_DOMAIN, SERVICE_PROJECT)
                .orElseGet(() -> projects.save(new ProjectEntity(newId(), SERVICE_PROJECT, DEFAULT_DOMAIN, null,
                        "The cloud's own services.", true)));
        for (String name : props.serviceUsers()) {
            if (users.findByDomainIdAndName(DEFAULT_DOMAIN, name).isPresent()) {
                continue;
            }
            String password = props.servicePasswords().get(name);
            if (password == null || password.isBlank()) {
                password = passwordFile.generateServicePassword(name);
                log.info("Generated the password of service user {}; it is in {}", name,
                        passwordFile.servicePasswordPath(name));
            }
            UserEntity user = users.save(new UserEntity(newId(), name, DEFAULT_DOMAIN, encoder.encode(password), true));
            assignments.grant(user.getId(), RoleAssignmentEntity.PROJECT, project.getId(), serviceRole);
        }
    }

    private void implies(String prior, String implied) {
        if (!this.implied.existsById(new ImpliedRoleEntity.Key(prior, implied))) {
            this.implied.save(new ImpliedRoleEntity(prior, implied));
        }
    }

    static String newId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    /** Creates the region, services and endpoints once; later starts only follow a changed public URL. */
    @Component
    public static class CatalogBootstrap {

        private final RegionRepository regions;
        private final ServiceRepository services;
        private final EndpointRepository endpoints;

        public CatalogBootstrap(RegionRepository regions, ServiceRepository services, EndpointRepository endpoints) {
            this.regions = regions;
            this.services = services;
            this.endpoints = endpoints;
        }

        void ensure(String publicUrl, String region) {
            if (!regions.existsById(region)) {
                regions.save(new RegionEntity(region, ""));
            }
            for (CatalogTemplate.Entry e : CatalogTemplate.ENTRIES) {
                ServiceEntity service = services.findFirstByType(e.type()).orElse(null);
                String url = publicUrl + e.path();
                if (service == null) {
                    service = services.save(new ServiceEntity(newId(), e.type(), e.name(), ""));
                    for (String iface : CatalogTemplate.INTERFACES) {
                        endpoints.save(new EndpointEntity(newId(), service.getId(), iface, region, url, true));
                    }
                } else {
                    for (EndpointEntity ep : endpoints.findByServiceId(service.getId())) {
                        if (ep.isBootstrap() && !ep.getUrl().equals(url)) {
                            ep.setUrl(url);
                        }
                    }
                }
            }
        }
    }
}
