package io.nubo.computeagent.domain;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * libvirt's migratable XML of a running guest, edited for its destination as Nova's
 * {@code migration.get_updated_guest_xml} does: every file path the move changes is rewritten (a disk's source, the
 * kernel and ramdisk, the serial log), and a disk whose file is replaced by a standalone copy loses its
 * {@code <backingStore>}; everything else stays as libvirt wrote it, device addresses above all (a hot-plugged
 * disk's PCI slot must be the same on the destination, which a definition written afresh would not keep).
 */
public final class MigratableXml {

    private MigratableXml() {
    }

    /**
     * @param move the path on the destination for a path on the source; the same string for a path that does not
     *             move (a volume, a file both hosts share)
     */
    public static String withPathsMoved(String xml, UnaryOperator<String> move) {
        Element domain = DomainXmlParser.parse(xml);
        List<Element> all = new ArrayList<>();
        collect(domain, all);
        List<Element> copiedDisks = new ArrayList<>();
        for (Element e : all) {
            NamedNodeMap attrs = e.getAttributes();
            for (int i = 0; i < attrs.getLength(); i++) {
                Attr a = (Attr) attrs.item(i);
                if ("file".equals(a.getName()) || "path".equals(a.getName())) {
                    String moved = move.apply(a.getValue());
                    if (!moved.equals(a.getValue()) && "source".equals(e.getTagName())
                            && e.getParentNode() instanceof Element disk && "disk".equals(disk.getTagName())) {
                        copiedDisks.add(disk);
                    }
                    a.setValue(moved);
                }
            }
            String name = e.getTagName();
            if (("kernel".equals(name) || "initrd".equals(name)) && e.getParentNode() instanceof Element p
                    && "os".equals(p.getTagName())) {
                e.setTextContent(move.apply(e.getTextContent().trim()));
            }
        }
        for (Element disk : copiedDisks) {
            Element backing = DomainXmlParser.child(disk, "backingStore");
            if (backing != null) {
                disk.removeChild(backing);
            }
        }
        return write(domain);
    }

    private static void collect(Element e, List<Element> out) {
        out.add(e);
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c) {
                collect(c, out);
            }
        }
    }

    private static String write(Element domain) {
        try {
            var t = TransformerFactory.newInstance().newTransformer();
            t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            StringWriter w = new StringWriter();
            t.transform(new DOMSource(domain), new StreamResult(w));
            return w.toString();
        } catch (TransformerException e) {
            throw new IllegalStateException("cannot write the destination's domain XML: " + e.getMessage(), e);
        }
    }
}
