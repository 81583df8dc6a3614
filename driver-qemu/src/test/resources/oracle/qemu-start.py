#!/usr/bin/python3
# Whether libvirt's QEMU driver starts each domain, without a daemon: opens qemu:///embed?root=ROOT (ROOT is
# the first argument) and reads standard input, one document a line: a name, a tab, the document in
# base64. For each it creates the domain (a transient one), waits up to 30 s for it to run, and destroys
# it. Prints one line a document, tab-separated: the name, then "started", or "error", libvirt's error
# code and message in base64.
import base64
import sys
import time

import libvirt


def b64(text):
    return base64.b64encode((text or "").encode("utf-8")).decode("ascii")


libvirt.registerErrorHandler(lambda ctx, err: None, None)
libvirt.virEventRegisterDefaultImpl()
conn = libvirt.open("qemu:///embed?root=" + sys.argv[1])
for line in sys.stdin:
    line = line.rstrip("\n")
    if not line:
        continue
    name, data = line.split("\t", 1)
    xml = base64.b64decode(data).decode("utf-8")
    try:
        dom = conn.createXML(xml, 0)
        deadline = time.monotonic() + 30
        while dom.state()[0] != libvirt.VIR_DOMAIN_RUNNING and time.monotonic() < deadline:
            time.sleep(0.01)
        running = dom.state()[0] == libvirt.VIR_DOMAIN_RUNNING
        dom.destroy()
        fields = ["started"] if running else ["error", "0", b64("the guest did not reach running")]
    except libvirt.libvirtError as e:
        fields = ["error", str(e.get_error_code()), b64(e.get_error_message())]
    print("\t".join([name] + fields), flush=True)
