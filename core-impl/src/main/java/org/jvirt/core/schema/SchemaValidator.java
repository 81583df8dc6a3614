package org.jvirt.core.schema;

import com.thaiopensource.util.PropertyMapBuilder;
import com.thaiopensource.validate.IncorrectSchemaException;
import com.thaiopensource.validate.Schema;
import com.thaiopensource.validate.ValidateProperty;
import com.thaiopensource.validate.Validator;
import com.thaiopensource.validate.rng.SAXSchemaReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;

/**
 * Validates documents against libvirt's own RelaxNG schemas (the {@code VALIDATE} flag of define).
 *
 * <p>The schemas are libvirt's, read where libvirt installs them; jvirt ships none. Looked for in
 * order: system property {@code jvirt.schemaDir}, environment variable {@code JVIRT_SCHEMA_DIR},
 * {@code /usr/share/libvirt/schemas}, and {@code schemas-v9.6.0} under system property
 * {@code jvirt.corpus}. {@link #validate(Path, String, String, String)} pins one directory
 * instead (tests use it to check against one known libvirt release). Each schema file is
 * compiled once per process; thread-safe.
 */
public final class SchemaValidator {
    private static final Map<Path, Schema> COMPILED = new ConcurrentHashMap<>();
    private static final SAXParserFactory PARSERS = secureParsers();

    private SchemaValidator() {
    }

    /**
     * Checks {@code xml} against libvirt's schema {@code schemaName} (e.g. {@code domain.rng}).
     *
     * @throws VirtException XML_INVALID_SCHEMA listing the first problems with line numbers;
     *     INTERNAL_ERROR when libvirt's schemas cannot be found or compiled
     */
    public static void validate(String schemaName, String xml, String objectName) {
        Path dir = schemaDirectory();
        if (dir == null) {
            throw VirtException.of(ErrorCode.INTERNAL_ERROR, ErrorDomain.XML,
                    "cannot validate against " + schemaName + ": libvirt's RelaxNG schemas were not found "
                            + "(install libvirt0, or set JVIRT_SCHEMA_DIR)", schemaName);
        }
        validate(dir, schemaName, xml, objectName);
    }

    /**
     * As {@link #validate(String, String, String)}, against the schemas in {@code schemaDir}
     * (a directory of libvirt's {@code *.rng} files) rather than the ones found by the search.
     *
     * @throws VirtException XML_INVALID_SCHEMA listing the first problems with line numbers;
     *     INTERNAL_ERROR when the schema cannot be read or compiled
     */
    public static void validate(Path schemaDir, String schemaName, String xml, String objectName) {
        Path file = schemaDir.resolve(schemaName).toAbsolutePath().normalize();
        Schema schema = COMPILED.computeIfAbsent(file, SchemaValidator::compile);
        List<String> problems = new ArrayList<>();
        ErrorHandler collect = new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) {
            }

            @Override
            public void error(SAXParseException e) {
                if (problems.size() < 5) {
                    problems.add("line " + e.getLineNumber() + ": " + e.getMessage());
                }
            }

            @Override
            public void fatalError(SAXParseException e) throws SAXException {
                error(e);
                throw e;
            }
        };
        PropertyMapBuilder properties = new PropertyMapBuilder();
        properties.put(ValidateProperty.ERROR_HANDLER, collect);
        Validator validator = schema.createValidator(properties.toPropertyMap());
        try {
            XMLReader reader = PARSERS.newSAXParser().getXMLReader();
            reader.setContentHandler(validator.getContentHandler());
            reader.setErrorHandler(collect);
            reader.parse(new InputSource(new StringReader(xml)));
        } catch (SAXException | IOException | ParserConfigurationException e) {
            if (problems.isEmpty()) {
                problems.add(String.valueOf(e.getMessage()));
            }
        }
        if (!problems.isEmpty()) {
            throw VirtException.of(ErrorCode.XML_INVALID_SCHEMA, ErrorDomain.XML,
                    (objectName == null ? "the document" : "'" + objectName + "'") + " does not match " + schemaName
                            + ": " + String.join("; ", problems), objectName);
        }
    }

    /** The directory holding libvirt's schemas, or null when none of the known places has them. */
    public static Path schemaDirectory() {
        List<Path> candidates = new ArrayList<>();
        String property = System.getProperty("jvirt.schemaDir");
        if (property != null) {
            candidates.add(Path.of(property));
        }
        String env = System.getenv("JVIRT_SCHEMA_DIR");
        if (env != null) {
            candidates.add(Path.of(env));
        }
        candidates.add(Path.of("/usr/share/libvirt/schemas"));
        String corpus = System.getProperty("jvirt.corpus");
        if (corpus != null) {
            candidates.add(Path.of(corpus, "schemas-v9.6.0"));
        }
        for (Path dir : candidates) {
            if (Files.isRegularFile(dir.resolve("domain.rng"))) {
                return dir;
            }
        }
        return null;
    }

    private static Schema compile(Path file) {
        String schemaName = file.getFileName().toString();
        try {
            return SAXSchemaReader.getInstance().createSchema(new InputSource(file.toUri().toString()),
                    new PropertyMapBuilder().toPropertyMap());
        } catch (IOException | SAXException | IncorrectSchemaException e) {
            throw new VirtException(ErrorCode.INTERNAL_ERROR, ErrorDomain.XML,
                    ErrorCode.INTERNAL_ERROR.format("cannot compile RelaxNG schema " + file + ": " + e.getMessage()),
                    null, schemaName, e);
        }
    }

    private static SAXParserFactory secureParsers() {
        SAXParserFactory factory = SAXParserFactory.newInstance();
        factory.setNamespaceAware(true);
        try {
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("the JDK's SAX parser lacks secure-processing features", e);
        }
        return factory;
    }
}
