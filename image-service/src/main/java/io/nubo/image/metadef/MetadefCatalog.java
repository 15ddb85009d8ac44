package io.nubo.image.metadef;

import io.nubo.image.image.ImageRenderer;
import io.nubo.image.web.Caller;
import io.nubo.image.web.ImageError;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The metadata definitions catalog, with Glance's default policy: admins write it; everyone reads public
 * namespaces, owners and admins private ones; a protected namespace cannot be deleted. Items (objects, properties,
 * tags, resource type associations) are JSON documents named within their namespace.
 */
@Service
public class MetadefCatalog {

    /** The resource types Glance knows; associations name one of these. */
    static final List<String> RESOURCE_TYPES = List.of("OS::Cinder::Volume", "OS::Glance::Image",
            "OS::Nova::Aggregate", "OS::Nova::Flavor", "OS::Nova::Server", "OS::Cinder::Volumetype",
            "OS::Glance::Snapshot");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final NamespaceRepository namespaces;
    private final ItemRepository items;
    private final Clock clock;

    public MetadefCatalog(NamespaceRepository namespaces, ItemRepository items, Clock clock) {
        this.namespaces = namespaces;
        this.items = items;
        this.clock = clock;
    }

    @Transactional
    public Map<String, Object> createNamespace(Map<String, Object> body, Caller caller) {
        requireAdmin(caller);
        String name = string(body, "namespace", 80, true);
        if (namespaces.existsById(name)) {
            throw ImageError.CONFLICT.exception("Metadata definition namespace=" + name + " already exists.");
        }
        NamespaceEntity ns = new NamespaceEntity(name, caller.projectId(), clock.instant());
        apply(ns, body);
        namespaces.save(ns);
        return render(ns);
    }

    @Transactional(readOnly = true)
    public List<Map<String, Object>> listNamespaces(Caller caller) {
        return namespaces.findAllByOrderByNamespace().stream().filter(n -> canRead(n, caller))
                .map(this::render).toList();
    }

    @Transactional(readOnly = true)
    public Map<String, Object> showNamespace(String name, Caller caller) {
        return render(readable(name, caller));
    }

    @Transactional
    public Map<String, Object> updateNamespace(String name, Map<String, Object> body, Caller caller) {
        requireAdmin(caller);
        NamespaceEntity ns = readable(name, caller);
        String newName = string(body, "namespace", 80, false);
        if (newName != null && !newName.equals(name)) {
            throw ImageError.FORBIDDEN.exception("Renaming a namespace is not supported.");
        }
        apply(ns, body);
        ns.updatedAt = clock.instant();
        return render(ns);
    }

    @Transactional
    public void deleteNamespace(String name, Caller caller) {
        requireAdmin(caller);
        NamespaceEntity ns = readable(name, caller);
        if (ns.isProtected) {
            throw ImageError.FORBIDDEN.exception("Namespace " + name + " is protected and cannot be deleted.");
        }
        namespaces.delete(ns);
    }

    @Transactional
    public Map<String, Object> putItem(String ns, String kind, String oldName, Map<String, Object> body,
                                       Caller caller) {
        requireAdmin(caller);
        readable(ns, caller);
        String name = string(body, "name", 255, true);
        if (kind.equals("resource_type") && !RESOURCE_TYPES.contains(name)) {
            throw ImageError.NOT_FOUND.exception("Resource type " + name + " not found.");
        }
        ItemEntity existing = null;
        if (oldName != null) {
            existing = item(ns, kind, oldName);
            if (!oldName.equals(name)) {
                items.delete(existing);
                items.flush();
            }
        }
        if ((existing == null || !oldName.equals(name)) && items.existsById(new ItemEntity.Key(ns, kind, name))) {
            throw ImageError.CONFLICT.exception("A metadata definition " + kind + " with name=" + name
                    + " already exists in namespace=" + ns + ".");
        }
        Map<String, Object> doc = new LinkedHashMap<>(body);
        ItemEntity saved = new ItemEntity(ns, kind, name, JSON.writeValueAsString(doc), clock.instant());
        if (existing != null) {
            saved.createdAt = existing.createdAt;
        }
        return render(items.save(saved));
    }

    @Transactional(readOnly = true)
    public List<Map<String, Object>> listItems(String ns, String kind, Caller caller) {
        readable(ns, caller);
        return items.findByNamespaceAndKindOrderByName(ns, kind).stream().map(this::render).toList();
    }

    @Transactional(readOnly = true)
    public Map<String, Object> showItem(String ns, String kind, String name, Caller caller) {
        readable(ns, caller);
        return render(item(ns, kind, name));
    }

    @Transactional
    public void deleteItem(String ns, String kind, String name, Caller caller) {
        requireAdmin(caller);
        readable(ns, caller);
        items.delete(item(ns, kind, name));
    }

    @Transactional
    public void deleteItems(String ns, String kind, Caller caller) {
        requireAdmin(caller);
        readable(ns, caller);
        items.deleteByNamespaceAndKind(ns, kind);
    }

    private ItemEntity item(String ns, String kind, String name) {
        return items.findById(new ItemEntity.Key(ns, kind, name)).orElseThrow(() -> ImageError.NOT_FOUND.exception(
                "Metadata definition " + kind + " not found for namespace=" + ns + " and name=" + name + "."));
    }

    private NamespaceEntity readable(String name, Caller caller) {
        NamespaceEntity ns = namespaces.findById(name).orElse(null);
        if (ns == null || !canRead(ns, caller)) {
            throw ImageError.NOT_FOUND.exception("Metadata definition namespace=" + name + " was not found.");
        }
        return ns;
    }

    private static boolean canRead(NamespaceEntity ns, Caller caller) {
        return "public".equals(ns.visibility) || caller.admin() || caller.owns(ns.owner);
    }

    private static void requireAdmin(Caller caller) {
        if (!caller.admin()) {
            throw ImageError.FORBIDDEN.exception("Only admins may change metadata definitions.");
        }
    }

    private static void apply(NamespaceEntity ns, Map<String, Object> body) {
        if (body.containsKey("display_name")) {
            ns.displayName = string(body, "display_name", 80, false);
        }
        if (body.containsKey("description")) {
            ns.description = string(body, "description", 500, false);
        }
        if (body.containsKey("visibility")) {
            Object v = body.get("visibility");
            if (!"public".equals(v) && !"private".equals(v)) {
                throw ImageError.BAD_REQUEST.exception("Invalid visibility: must be public or private.");
            }
            ns.visibility = (String) v;
        }
        if (body.containsKey("protected")) {
            if (!(body.get("protected") instanceof Boolean b)) {
                throw ImageError.BAD_REQUEST.exception("Invalid value for 'protected': true or false is required.");
            }
            ns.isProtected = b;
        }
    }

    private static String string(Map<String, Object> body, String key, int max, boolean required) {
        Object v = body.get(key);
        if (v == null && !required) {
            return null;
        }
        if (!(v instanceof String s) || s.isEmpty() || s.length() > max) {
            throw ImageError.BAD_REQUEST.exception("'" + key + "' must be a string of 1 to " + max + " characters.");
        }
        return s;
    }

    private Map<String, Object> render(NamespaceEntity ns) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("namespace", ns.namespace);
        if (ns.displayName != null) {
            m.put("display_name", ns.displayName);
        }
        if (ns.description != null) {
            m.put("description", ns.description);
        }
        m.put("visibility", ns.visibility);
        m.put("protected", ns.isProtected);
        m.put("owner", ns.owner);
        m.put("created_at", ImageRenderer.time(ns.createdAt));
        m.put("updated_at", ImageRenderer.time(ns.updatedAt));
        m.put("self", "/v2/metadefs/namespaces/" + ns.namespace);
        m.put("schema", "/v2/schemas/metadefs/namespace");
        return m;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> render(ItemEntity item) {
        Map<String, Object> m = new LinkedHashMap<>(JSON.readValue(item.document, Map.class));
        if (!item.kind.equals("property")) {
            m.put("created_at", ImageRenderer.time(item.createdAt));
            m.put("updated_at", ImageRenderer.time(item.updatedAt));
        }
        if (item.kind.equals("object")) {
            m.put("self", "/v2/metadefs/namespaces/" + item.namespace + "/objects/" + item.name);
            m.put("schema", "/v2/schemas/metadefs/object");
        }
        return m;
    }
}
