package io.nubo.computeagent.domain;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * An element being written: name, attributes in the order given, text or children. Serialised by StAX, which
 * escapes text and attribute values; indented two spaces so golden tests can compare literal XML.
 */
final class XmlNode {

    private final String name;
    private final Map<String, String> attributes = new LinkedHashMap<>();
    private final List<XmlNode> children = new ArrayList<>();
    private String text;

    XmlNode(String name) {
        this.name = name;
    }

    /** Adds an attribute; a null value leaves it out. */
    XmlNode attr(String key, Object value) {
        if (value != null) {
            attributes.put(key, value.toString());
        }
        return this;
    }

    XmlNode text(Object value) {
        this.text = value == null ? null : value.toString();
        return this;
    }

    /** Declares {@code xmlns:prefix} on this element (the name must carry the prefix). */
    XmlNode namespace(String prefix, String uri) {
        attributes.put("xmlns:" + prefix, uri);
        return this;
    }

    XmlNode child(String childName) {
        XmlNode c = new XmlNode(childName);
        children.add(c);
        return c;
    }

    /** Adds a child element holding text; a null value leaves the element out. */
    XmlNode textChild(String childName, Object value) {
        if (value != null) {
            child(childName).text(value);
        }
        return this;
    }

    XmlNode add(XmlNode node) {
        if (node != null) {
            children.add(node);
        }
        return this;
    }

    String toXml() {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter w = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            write(w, 0);
            w.writeEndDocument();
            w.flush();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write XML", e);
        }
        return out.append('\n').toString();
    }

    private void write(XMLStreamWriter w, int depth) throws XMLStreamException {
        if (depth > 0) {
            w.writeCharacters("\n" + "  ".repeat(depth));
        }
        if (children.isEmpty() && text == null) {
            w.writeEmptyElement(name);
        } else {
            w.writeStartElement(name);
        }
        for (Map.Entry<String, String> a : attributes.entrySet()) {
            w.writeAttribute(a.getKey(), a.getValue());
        }
        if (children.isEmpty() && text == null) {
            return;
        }
        if (text != null) {
            w.writeCharacters(text);
        }
        for (XmlNode c : children) {
            c.write(w, depth + 1);
        }
        if (!children.isEmpty()) {
            w.writeCharacters("\n" + "  ".repeat(depth));
        }
        w.writeEndElement();
    }
}
