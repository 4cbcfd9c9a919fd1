package dev.gillab.report;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/** Test helper: parses SVG with the JDK's XML parser (a malformed file fails the test) and queries it by XPath. */
public final class Svg {

    private final Document document;

    private Svg(Document document) {
        this.document = document;
    }

    public static Svg parse(String text) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            // XChart's SVG names the SVG 1.1 DTD: well-formedness is what is checked, nothing is fetched.
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            return new Svg(factory.newDocumentBuilder()
                    .parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))));
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new AssertionError("not well-formed XML: " + e.getMessage(), e);
        }
    }

    public static Svg parse(Path file) throws IOException {
        return parse(Files.readString(file));
    }

    public String rootName() {
        return document.getDocumentElement().getTagName();
    }

    /** The elements an XPath expression selects, e.g. {@code //g[@class='row']}. */
    public List<Element> select(String xpath) {
        try {
            NodeList nodes = (NodeList) XPathFactory.newInstance().newXPath()
                    .evaluate(xpath, document, XPathConstants.NODESET);
            List<Element> out = new ArrayList<>();
            for (int i = 0; i < nodes.getLength(); i++) {
                out.add((Element) nodes.item(i));
            }
            return out;
        } catch (XPathExpressionException e) {
            throw new IllegalArgumentException(xpath, e);
        }
    }

    /** The text contents of the elements an XPath expression selects. */
    public List<String> texts(String xpath) {
        return select(xpath).stream().map(Element::getTextContent).toList();
    }
}
