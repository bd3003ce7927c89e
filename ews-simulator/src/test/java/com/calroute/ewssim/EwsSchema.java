package com.calroute.ewssim;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.w3c.dom.ls.LSInput;
import org.w3c.dom.ls.LSResourceResolver;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import java.io.File;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * Microsoft's EWS schema (messages.xsd + types.xsd from ../shared/ews-schema), loaded once. Missing schema files
 * are a failure, never a skip: without them the simulator's faithfulness is unchecked.
 */
final class EwsSchema {
    private static final String XML_NAMESPACE = "http://www.w3.org/XML/1998/namespace";
    private static Schema schema;
    private static Set<String> responseCodes;

    private EwsSchema() {
    }

    static synchronized Schema schema() throws Exception {
        if (schema == null) {
            Path directory = locate();
            SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "file");
            factory.setResourceResolver(new LocalXmlNamespaceResolver());
            File messages = directory.resolve("messages.xsd").toFile();
            schema = factory.newSchema(new StreamSource(messages));
            responseCodes = enumeration(messages, "ResponseCodeType");
        }
        return schema;
    }

    /** Validates one element (an operation response or ServerVersionInfo) against the schema. */
    static void validate(Element element) throws Exception {
        Validator validator = schema().newValidator();
        try {
            validator.validate(new DOMSource(element));
        } catch (SAXException e) {
            throw new AssertionError("<" + element.getTagName() + "> is not valid per messages.xsd/types.xsd: " + e.getMessage(), e);
        }
    }

    static Set<String> responseCodes() throws Exception {
        schema();
        return responseCodes;
    }

    static Path locate() {
        String root = System.getProperty("repo.root");
        if (root != null && !root.isBlank()) {
            Path candidate = Path.of(root).resolve("../shared/ews-schema").normalize();
            if (Files.isRegularFile(candidate.resolve("messages.xsd"))) {
                return candidate;
            }
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            for (Path candidate : new Path[] {dir.resolve("shared/ews-schema"), dir.resolve("../shared/ews-schema").normalize()}) {
                if (Files.isRegularFile(candidate.resolve("messages.xsd"))) {
                    return candidate;
                }
            }
        }
        throw new AssertionError("Microsoft's EWS schema (messages.xsd, types.xsd) was not found: looked in "
                + "${repo.root}/../shared/ews-schema (repo.root=" + root + ") and in shared/ews-schema "
                + "beside every parent of " + Path.of("").toAbsolutePath() + ". The schema test cannot run without it.");
    }

    private static Set<String> enumeration(File xsd, String typeName) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document document = factory.newDocumentBuilder().parse(xsd);
        NodeList types = document.getElementsByTagNameNS(XMLConstants.W3C_XML_SCHEMA_NS_URI, "simpleType");
        Set<String> values = new HashSet<>();
        for (int i = 0; i < types.getLength(); i++) {
            Element type = (Element) types.item(i);
            if (typeName.equals(type.getAttribute("name"))) {
                NodeList enumerations = type.getElementsByTagNameNS(XMLConstants.W3C_XML_SCHEMA_NS_URI, "enumeration");
                for (int j = 0; j < enumerations.getLength(); j++) {
                    values.add(((Element) enumerations.item(j)).getAttribute("value"));
                }
            }
        }
        return values;
    }

    /** types.xsd imports the XML namespace without a location; answer with the local copy under test resources. */
    private static final class LocalXmlNamespaceResolver implements LSResourceResolver {
        @Override
        public LSInput resolveResource(String type, String namespaceURI, String publicId, String systemId, String baseURI) {
            if (XML_NAMESPACE.equals(namespaceURI)) {
                return new ClasspathInput("/schema/xml.xsd", publicId, systemId, baseURI);
            }
            return null;
        }
    }

    private record ClasspathInput(String resource, String publicId, String systemId, String baseURI) implements LSInput {
        @Override public Reader getCharacterStream() { return null; }
        @Override public void setCharacterStream(Reader characterStream) { }
        @Override public InputStream getByteStream() { return EwsSchema.class.getResourceAsStream(resource); }
        @Override public void setByteStream(InputStream byteStream) { }
        @Override public String getStringData() { return null; }
        @Override public void setStringData(String stringData) { }
        @Override public String getSystemId() { return EwsSchema.class.getResource(resource).toString(); }
        @Override public void setSystemId(String systemId) { }
        @Override public String getPublicId() { return publicId; }
        @Override public void setPublicId(String publicId) { }
        @Override public String getBaseURI() { return baseURI; }
        @Override public void setBaseURI(String baseURI) { }
        @Override public String getEncoding() { return null; }
        @Override public void setEncoding(String encoding) { }
        @Override public boolean getCertifiedText() { return false; }
        @Override public void setCertifiedText(boolean certifiedText) { }
    }
}
