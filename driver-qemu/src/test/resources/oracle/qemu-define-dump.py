#!/usr/bin/python3
# libvirt's QEMU driver's answer for each domain document, without a daemon: opens
# qemu:///embed?root=ROOT (ROOT is the first argument) and reads standard input, one document a line:
# a name, a tab, the document in base64. For each it defines the document, reads it back with
# VIR_DOMAIN_XML_INACTIVE | VIR_DOMAIN_XML_SECURE, defines what it read back and reads that back too,
# asks for the command line (domxml-to-native qemu-argv) of the first reading, and undefines it.
# Prints one line a document, tab-separated: the name, then "xml", the first and second readings and
# either "argv" and the command line, or "argv-error" (or "argv-crash" when libvirt crashed building it,
# which it does for some hostdev interfaces: it is asked in a child process), a code and a message; or "error", libvirt's
# error code, its domain and message. Texts in base64.
import base64
import os
import sys

import libvirt


def b64(text):
    return base64.b64encode((text or "").encode("utf-8")).decode("ascii")


def native(xml):
    """The command line, asked in a child process: libvirt 9 crashes building some (hostdev interfaces)."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        try:
            fields = ["argv", b64(conn.domainXMLToNative("qemu-argv", xml, 0))]
        except libvirt.libvirtError as e:
            fields = ["argv-error", str(e.get_error_code()), b64(e.get_error_message())]
        with os.fdopen(write, "w") as out:
            out.write("\t".join(fields))
        os._exit(0)
    os.close(write)
    with os.fdopen(read) as answer:
        text = answer.read()
    status = os.waitpid(pid, 0)[1]
    if not text:
        return ["argv-crash", str(status), b64("libvirt crashed building the command line (wait status %d)" % status)]
    return text.split("\t")


libvirt.registerErrorHandler(lambda ctx, err: None, None)
libvirt.virEventRegisterDefaultImpl()
conn = libvirt.open("qemu:///embed?root=" + sys.argv[1])
flags = libvirt.VIR_DOMAIN_XML_INACTIVE | libvirt.VIR_DOMAIN_XML_SECURE
for line in sys.stdin:
    line = line.rstrip("\n")
    if not line:
        continue
    name, data = line.split("\t", 1)
    xml = base64.b64decode(data).decode("utf-8")
    try:
        dom = conn.defineXML(xml)
        try:
            first = dom.XMLDesc(flags)
            argv = native(first)
            dom = conn.defineXML(first)
            fields = ["xml", b64(first), b64(dom.XMLDesc(flags))] + argv
        finally:
            dom.undefine()
    except libvirt.libvirtError as e:
        fields = ["error", str(e.get_error_code()), str(e.get_error_domain()), b64(e.get_error_message())]
    print("\t".join([name] + fields), flush=True)
conn.close()
