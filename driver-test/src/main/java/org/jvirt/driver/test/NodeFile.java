package org.jvirt.driver.test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.jvirt.api.DomainState;
import org.jvirt.api.DomainStateReason;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.NodeInfo;
import org.jvirt.api.VirtException;
import org.jvirt.model.DomainXml;
import org.jvirt.model.NetworkXml;
import org.jvirt.model.xml.XmlElement;
import org.jvirt.model.xml.XmlReader;
import org.jvirt.model.xml.XmlWriter;

/**
 * Loads a node from libvirt's test-driver node file ({@code test:///path/node.xml}): libvirt 0.4's
 * form (domains and networks in files named relative to the node file) and today's (also inline,
 * with {@code <test:runstate>}). Elements of later libvirt (pools, volumes, node devices) are
 * ignored: jvirt has no storage API yet.
 */
final class NodeFile {
    private NodeFile() {
    }

    static TestNode load(Path file) {
        XmlElement root = XmlReader.parse(readFile(file, file));
        if (!"node".equals(root.name())) {
            throw TestErrors.error(ErrorCode.XML_ERROR, "node file '" + file + "' has root <" + root.name()
                    + ">, expected <node>", file.toString());
        }
        TestNode node = new TestNode(spec(root, file));
        Path dir = file.toAbsolutePath().getParent();
        for (XmlElement child : root.children()) {
            switch (child.name()) {
                case "domain" -> addDomain(node, child, dir, file);
                case "network" -> node.addInitialNetwork(NetworkXml.parse(inlineOrFile(child, dir, file)));
                default -> { }
            }
        }
        return node;
    }

    private static void addDomain(TestNode node, XmlElement element, Path dir, Path nodeFile) {
        DomainStateReason state = DomainStateReason.RUNNING_UNKNOWN;
        XmlElement runstate = runstate(element);
        if (runstate != null) {
            int number;
            try {
                number = Integer.parseInt(runstate.text().trim());
                state = DomainStateReason.of(DomainState.ofNumber(number), 0);
            } catch (IllegalArgumentException e) {
                throw TestErrors.error(ErrorCode.XML_ERROR, "invalid runstate '" + runstate.text() + "' in '"
                        + nodeFile + "'", nodeFile.toString());
            }
        }
        node.addInitialDomain(DomainXml.parse(inlineOrFile(element, dir, nodeFile)), state);
    }

    /** libvirt's {@code <test:runstate>} extension: the state an inline domain starts in. */
    private static XmlElement runstate(XmlElement domain) {
        for (XmlElement child : domain.children()) {
            if (child.name().endsWith(":runstate")) {
                return child;
            }
        }
        return null;
    }

    private static String inlineOrFile(XmlElement element, Path dir, Path nodeFile) {
        String ref = element.attribute("file");
        if (ref != null) {
            Path included = dir.resolve(ref);
            return readFile(included, nodeFile);
        }
        return new XmlWriter().element(element).toString();
    }

    private static String readFile(Path file, Path nodeFile) {
        try {
            long size = Files.size(file);
            if (size > XmlReader.maxDocumentChars()) {
                throw TestErrors.error(ErrorCode.XML_ERROR, "'" + file + "' is too large (" + size + " bytes)",
                        file.toString());
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw TestErrors.error(ErrorCode.SYSTEM_ERROR, "failed to load test node '" + nodeFile + "': "
                    + file + ": No such file or directory", file.toString());
        } catch (IOException e) {
            throw TestErrors.error(ErrorCode.SYSTEM_ERROR, "failed to load test node '" + nodeFile + "': "
                    + file + ": " + e.getMessage(), file.toString());
        }
    }

    private static NodeSpec spec(XmlElement root, Path file) {
        NodeInfo defaults = DefaultNode.INFO;
        XmlElement cpu = root.child("cpu");
        int mhz = number(cpu, "mhz", defaults.mhz(), file);
        String model = cpu != null && cpu.child("model") != null ? cpu.child("model").text().trim() : defaults.model();
        int nodes = number(cpu, "nodes", defaults.numaNodes(), file);
        int sockets = number(cpu, "sockets", defaults.sockets(), file);
        int cores = number(cpu, "cores", defaults.cores(), file);
        int threads = number(cpu, "threads", defaults.threads(), file);
        int active = number(cpu, "active", nodes * sockets * cores * threads, file);
        long memory = root.child("memory") == null ? defaults.memoryKiB() : parse(root.child("memory").text(), "memory", file);
        NodeInfo info = new NodeInfo(model, memory, active, mhz, nodes, sockets, cores, threads);
        long[] cellMemory = new long[nodes];
        long[] cellFree = new long[nodes];
        for (int i = 0; i < nodes; i++) {
            cellMemory[i] = memory / nodes;
            cellFree[i] = memory / nodes * 1024;
        }
        return new NodeSpec(info, cellMemory, cellFree, memory * 1024, NodeCapabilities.format(info, cellMemory));
    }

    private static int number(XmlElement parent, String name, int fallback, Path file) {
        if (parent == null || parent.child(name) == null) {
            return fallback;
        }
        long value = parse(parent.child(name).text(), "cpu/" + name, file);
        if (value <= 0 || value > 65536) {
            throw TestErrors.error(ErrorCode.XML_ERROR, "node file '" + file + "': cpu/" + name + " " + value
                    + " is out of range", file.toString());
        }
        return (int) value;
    }

    private static long parse(String text, String what, Path file) {
        try {
            long value = Long.parseLong(text.trim());
            if (value <= 0) {
                throw new NumberFormatException("not positive");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new VirtException(ErrorCode.XML_ERROR, org.jvirt.api.ErrorDomain.TEST,
                    ErrorCode.XML_ERROR.format("node file '" + file + "': invalid " + what + " '" + text.trim() + "'"),
                    null, file.toString(), e);
        }
    }
}
