#!/usr/bin/python3
# libvirt's answer for each domain document: reads file paths from standard input, one a line;
# defines each into libvirt's own test driver (test:///default, through python3-libvirt), reads it
# back with VIR_DOMAIN_XML_INACTIVE | VIR_DOMAIN_XML_SECURE, undefines it, and prints one line a file,
# tab-separated: the path, then "xml" and the document, or "error", libvirt's error code, its domain
# and its message; texts in base64. One connection serves every file, as the node returns to its
# first state after each.
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
            fields = ["xml", b64(dom.XMLDesc(flags))]
        finally:
            dom.undefine()
    except libvirt.libvirtError as e:
        fields = ["error", str(e.get_error_code()), str(e.get_error_domain()), b64(e.get_error_message() or "")]
    print("\t".join([path] + fields), flush=True)
conn.close()
