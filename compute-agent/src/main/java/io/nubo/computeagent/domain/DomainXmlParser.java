package io.nubo.computeagent.domain;

import io.nubo.computeagent.domain.DiskDevice.Auth;
import io.nubo.computeagent.domain.DiskDevice.BlockSource;
import io.nubo.computeagent.domain.DiskDevice.DiskSource;
import io.nubo.computeagent.domain.DiskDevice.FileSource;
import io.nubo.computeagent.domain.DiskDevice.Host;
import io.nubo.computeagent.domain.DiskDevice.NetworkSource;
import io.nubo.computeagent.domain.OsBoot.BootDevice;
import io.nubo.computeagent.domain.OsBoot.KernelBoot;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * The one reader of libvirt XML: what libvirt answers ({@code virDomainGetXMLDesc}) back into records. Elements
 * Nubo does not model (libvirt adds controllers, PCI addresses, aliases) are ignored.
 */
public final class DomainXmlParser {

    public DomainDefinition domain(String xml) {
        Element root = parse(xml);
        if (!"domain".equals(root.getTagName())) {
            throw new IllegalArgumentException("not a <domain>: <" + root.getTagName() + ">");
        }
        String uuid = text(root, "uuid");
        Element memory = child(root, "memory");
        Element life = root;
        LifecycleActions lifecycle = child(root, "on_poweroff") == null && child(root, "on_reboot") == null
                && child(root, "on_crash") == null ? null
                : new LifecycleActions(text(life, "on_poweroff"), text(life, "on_reboot"), text(life, "on_crash"));
        Element devices = child(root, "devices");
        List<DiskDevice> disks = new ArrayList<>();
        List<InterfaceDevice> nics = new ArrayList<>();
        SerialConsole console = null;
        if (devices != null) {
            for (Element e : children(devices, "disk")) {
                disks.add(disk(e));
            }
            for (Element e : children(devices, "interface")) {
                nics.add(iface(e));
            }
            console = serial(devices);
        }
        Element metadata = child(root, "metadata");
        Element clock = child(root, "clock");
        return new DomainDefinition(root.getAttribute("type"), text(root, "name"),
                uuid == null ? null : UUID.fromString(uuid), memory == null ? 0 : mebibytes(memory),
                Integer.parseInt(orDefault(text(root, "vcpu"), "1")), os(child(root, "os")), cpu(child(root, "cpu")),
                features(child(root, "features")), clock == null ? null : clock.getAttribute("offset"), lifecycle,
                metadata == null ? null : metadata(metadata), disks, nics, console);
    }

    /** {@code <capabilities>}: the host CPU's architecture, model, vendor and features. */
    public HostCapabilities hostCapabilities(String xml) {
        Element root = parse(xml);
        Element host = child(root, "host");
        Element cpu = host == null ? null : child(host, "cpu");
        if (cpu == null) {
            return new HostCapabilities(null, null, null, List.of());
        }
        List<String> features = new ArrayList<>();
        for (Element f : children(cpu, "feature")) {
            features.add(f.getAttribute("name"));
        }
        return new HostCapabilities(text(cpu, "arch"), text(cpu, "model"), text(cpu, "vendor"), features);
    }

    /** One device as written for hot-plug: a {@code <disk>} or an {@code <interface>}. */
    public DeviceSpec device(String xml) {
        Element e = parse(xml);
        return switchDevice(e);
    }

    /** {@code <secret>} as libvirt answers {@code virSecretGetXMLDesc}. */
    public SecretDefinition secret(String xml) {
        Element root = parse(xml);
        Element usage = child(root, "usage");
        if (usage == null) {
            throw new IllegalArgumentException("a secret without <usage>");
        }
        SecretDefinition.Usage u = SecretDefinition.Usage.of(attr(usage, "type"));
        return new SecretDefinition(text(root, "uuid"), u, text(usage, u.idElement()), text(root, "description"));
    }

    private DeviceSpec switchDevice(Element e) {
        if ("disk".equals(e.getTagName())) {
            return disk(e);
        }
        if ("interface".equals(e.getTagName())) {
            return iface(e);
        }
        throw new IllegalArgumentException("not a device Nubo hot-plugs: <" + e.getTagName() + ">");
    }

    NuboMetadata metadata(Element metadata) {
        NodeList found = metadata.getElementsByTagNameNS(NuboMetadata.NAMESPACE, "instance");
        if (found.getLength() == 0) {
            return null;
        }
        Element n = (Element) found.item(0);
        Element owner = childNs(n, "owner");
        Element flavor = childNs(n, "flavor");
        Element image = childNs(n, "image");
        Element name = childNs(n, "name");
        return new NuboMetadata(attr(n, "id"), name == null ? null : name.getTextContent(),
                owner == null ? null : attr(owner, "project"), owner == null ? null : attr(owner, "user"),
                flavor == null ? null : attr(flavor, "name"), image == null ? null : attr(image, "id"));
    }

    OsBoot os(Element os) {
        if (os == null) {
            throw new IllegalArgumentException("<domain> has no <os>");
        }
        Element type = child(os, "type");
        String kernel = text(os, "kernel");
        List<BootDevice> boot = new ArrayList<>();
        for (Element b : children(os, "boot")) {
            boot.add(BootDevice.fromXml(b.getAttribute("dev")));
        }
        return new OsBoot(type == null ? null : attr(type, "arch"), type == null ? null : attr(type, "machine"),
                kernel == null ? null : new KernelBoot(kernel, text(os, "initrd"), text(os, "cmdline")), boot);
    }

    Features features(Element f) {
        return f == null ? new Features(false, false) : new Features(child(f, "acpi") != null, child(f, "apic") != null);
    }

    CpuSpec cpu(Element cpu) {
        if (cpu == null) {
            return null;
        }
        String mode = orDefault(attr(cpu, "mode"), "custom");
        switch (mode) {
            case "host-model":
                return new CpuSpec.HostModel();
            case "host-passthrough":
                return new CpuSpec.HostPassthrough();
            default:
                List<CpuSpec.Feature> features = new ArrayList<>();
                for (Element f : children(cpu, "feature")) {
                    features.add(new CpuSpec.Feature(f.getAttribute("name"),
                            CpuSpec.Policy.valueOf(orDefault(attr(f, "policy"), "require").toUpperCase(Locale.ROOT))));
                }
                String model = text(cpu, "model");
                return model == null && features.isEmpty() ? null : new CpuSpec.Custom(model, features);
        }
    }

    DiskDevice disk(Element e) {
        Element driver = child(e, "driver");
        Element source = child(e, "source");
        Element target = child(e, "target");
        DiskSource s = null;
        String type = e.getAttribute("type");
        if (source != null) {
            s = switch (type) {
                case "block" -> new BlockSource(source.getAttribute("dev"));
                case "network" -> networkSource(e, source);
                default -> new FileSource(source.getAttribute("file"));
            };
        }
        return new DiskDevice(DiskDevice.Kind.valueOf(orDefault(attr(e, "device"), "disk").toUpperCase(Locale.ROOT)),
                driver == null ? null : attr(driver, "type"), driver == null ? null : attr(driver, "cache"), s,
                target == null ? null : target.getAttribute("dev"), target == null ? null : target.getAttribute("bus"),
                child(e, "readonly") != null, text(e, "serial"));
    }

    private NetworkSource networkSource(Element disk, Element source) {
        List<Host> hosts = new ArrayList<>();
        for (Element h : children(source, "host")) {
            hosts.add(new Host(h.getAttribute("name"), attr(h, "port")));
        }
        Element auth = child(disk, "auth");
        if (auth == null) {
            auth = child(source, "auth");   // libvirt may move <auth> inside <source>
        }
        Auth a = null;
        if (auth != null) {
            Element secret = child(auth, "secret");
            a = new Auth(attr(auth, "username"), secret == null ? null : attr(secret, "type"),
                    secret == null ? null : attr(secret, "uuid"));
        }
        return new NetworkSource(source.getAttribute("protocol"), source.getAttribute("name"), hosts, a);
    }

    InterfaceDevice iface(Element e) {
        Element source = child(e, "source");
        InterfaceDevice.InterfaceSource s = "network".equals(e.getAttribute("type"))
                ? new InterfaceDevice.Network(source == null ? null : source.getAttribute("network"))
                : new InterfaceDevice.Bridge(source == null ? null : source.getAttribute("bridge"));
        Element mac = child(e, "mac");
        Element target = child(e, "target");
        Element model = child(e, "model");
        Element mtu = child(e, "mtu");
        Element filter = child(e, "filterref");
        Element alias = child(e, "alias");
        return new InterfaceDevice(mac == null ? null : mac.getAttribute("address"), s,
                model == null ? null : attr(model, "type"), target == null ? null : attr(target, "dev"),
                mtu == null ? null : Integer.valueOf(mtu.getAttribute("size")),
                filter == null ? null : attr(filter, "filter"), alias == null ? null : attr(alias, "name"));
    }

    SerialConsole serial(Element devices) {
        for (Element s : children(devices, "serial")) {
            Element log = child(s, "log");
            if (log != null) {
                return new SerialConsole(log.getAttribute("file"));
            }
        }
        return null;
    }

    private static long mebibytes(Element memory) {
        long value = Long.parseLong(memory.getTextContent().trim());
        String unit = orDefault(attr(memory, "unit"), "KiB");
        return switch (unit) {
            case "b", "bytes" -> value >> 20;
            case "KiB", "k" -> value >> 10;
            case "MiB", "M" -> value;
            case "GiB", "G" -> value << 10;
            default -> throw new IllegalArgumentException("unknown memory unit " + unit);
        };
    }

    static Element parse(String xml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            DocumentBuilder b = f.newDocumentBuilder();
            return b.parse(new InputSource(new StringReader(xml))).getDocumentElement();
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new IllegalArgumentException("not well-formed XML: " + e.getMessage(), e);
        }
    }

    static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name.equals(e.getLocalName() == null ? e.getTagName() : e.getLocalName())
                    && e.getNamespaceURI() == null) {
                return e;
            }
        }
        return null;
    }

    private static Element childNs(Element parent, String name) {
        NodeList l = parent.getElementsByTagNameNS(NuboMetadata.NAMESPACE, name);
        return l.getLength() == 0 ? null : (Element) l.item(0);
    }

    static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name.equals(e.getLocalName()) && e.getNamespaceURI() == null) {
                out.add(e);
            }
        }
        return out;
    }

    private static String text(Element parent, String name) {
        Element e = child(parent, name);
        return e == null ? null : e.getTextContent().trim();
    }

    private static String attr(Element e, String name) {
        return e.hasAttribute(name) ? e.getAttribute(name) : null;
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isEmpty() ? fallback : value;
    }
}
