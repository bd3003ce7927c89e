package com.calroute.ewssim.soap;

import org.w3c.dom.Element;
import org.w3c.dom.Node;

import java.util.ArrayList;
import java.util.List;

/** Namespace-aware helpers for walking the DOM of a request. */
public final class Dom {
    private Dom() {
    }

    public static Element child(Element parent, String namespace, String localName) {
        if (parent == null) {
            return null;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && localName.equals(e.getLocalName()) && namespace.equals(e.getNamespaceURI())) {
                return e;
            }
        }
        return null;
    }

    public static List<Element> children(Element parent, String namespace, String localName) {
        List<Element> result = new ArrayList<>();
        if (parent == null) {
            return result;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && (localName == null || localName.equals(e.getLocalName()))
                    && namespace.equals(e.getNamespaceURI())) {
                result.add(e);
            }
        }
        return result;
    }

    public static List<Element> childElements(Element parent) {
        List<Element> result = new ArrayList<>();
        if (parent != null) {
            for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e) {
                    result.add(e);
                }
            }
        }
        return result;
    }

    public static String text(Element element) {
        return element == null ? null : element.getTextContent().trim();
    }

    public static String childText(Element parent, String namespace, String localName) {
        return text(child(parent, namespace, localName));
    }

    /** Attribute value, or null when absent (DOM returns "" for absent attributes). */
    public static String attr(Element element, String name) {
        if (element == null || !element.hasAttribute(name)) {
            return null;
        }
        return element.getAttribute(name);
    }
}
