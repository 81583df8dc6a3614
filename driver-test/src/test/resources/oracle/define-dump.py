#!/usr/bin/python3
# libvirt's answer for each domain document: reads file paths from standard input, one a line;
# defines each into libvirt's own test driver (test:///default, through python3-libvirt), reads it
# back with VIR_DOMAIN_XML_INACTIVE | VIR_DOMAIN_XML_SECURE, defines what it read back and reads that
# back too, undefines it, and defines the file once more with VIR_DOMAIN_DEFINE_VALIDATE (libvirt's
# schema check). Prints one line a file, tab-separated: the path, the error code of the validating
# definition (0 when it was accepted), then "xml", the document and the second document, or
# "error", libvirt's error code, its domain and its message; texts in base64. One connection serves
# every file, as the node returns to its first state after each.
import base64
import sys

import libvirt



def b64(text):
    return base64.b64encode(text.encode("utf-8")).decode("ascii")


libvirt.registerErrorHandler(lambda ctx, err: None, None)
conn = libvirt.open("test:///default")
flags = libvirt.VIR_DOMAIN_XML_INACTIVE | libvirt.VIR_DOMAIN_XML_SECURE
for line in sys.stdin:
    path = line.rstrip("\n")
    if not path:
        continue
    with open(path, encoding="utf-8") as f:
        xml = f.read()
    try:
        dom = conn.defineXML(xml)
        try:
            first = dom.XMLDesc(flags)
            dom = conn.defineXML(first)
            fields = ["xml", b64(first), b64(dom.XMLDesc(flags))]
        finally:
            dom.undefine()
    except libvirt.libvirtError as e:
        fields = ["error", str(e.get_error_code()), str(e.get_error_domain()), b64(e.get_error_message() or "")]
    try:
        conn.defineXMLFlags(xml, libvirt.VIR_DOMAIN_DEFINE_VALIDATE).undefine()
        validated = "0"
    except libvirt.libvirtError as e:
        validated = str(e.get_error_code())
    print("\t".join([path, validated] + fields), flush=True)
conn.close()
