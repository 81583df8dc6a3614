#!/usr/bin/python3
"""Drives a libvirt daemon serving test:///default through python3-libvirt, one line per operation.

Usage: /usr/bin/python3 operations.py RW_SOCKET RO_SOCKET

Each line is "operation: result", the result in a stable text form (XML as one line, errors as
"error code=N domain=N message=..."), so that two daemons can be compared by their whole output.
Everything the script changes it undoes; it uses fixed names and UUIDs so that nothing random shows.
Two things that differ from run to run are written as what they are, not as their values: the socket
path the URI echoes ("SOCKET"), and the CPU times libvirt's test driver takes from the clock
("clock", when within a minute of now).
"""

import sys
import time

import libvirt

RW_SOCKET, RO_SOCKET = sys.argv[1], sys.argv[2]

NEW_NAME = "pyops"
NEW_UUID = "8f2a7c3e-51b4-4d0e-9a6f-0c1d2e3f4a5b"
NEW_DOMAIN = ("<domain type='test'>\n"
              "  <name>" + NEW_NAME + "</name>\n"
              "  <uuid>" + NEW_UUID + "</uuid>\n"
              "  <memory unit='KiB'>262144</memory>\n"
              "  <currentMemory unit='KiB'>131072</currentMemory>\n"
              "  <vcpu>2</vcpu>\n"
              "  <os>\n"
              "    <type arch='i686'>hvm</type>\n"
              "  </os>\n"
              "</domain>\n")
RO_NAME = "pyops-ro"
NEW_NETWORK = ("<network><name>pynet</name><uuid>3b0e5c5e-8d0c-4f3a-9a55-6f1e2d3c4b5a</uuid>"
               "<bridge name='pybr0'/></network>")
RO_DOMAIN = NEW_DOMAIN.replace(NEW_NAME, RO_NAME).replace(NEW_UUID, "8f2a7c3e-51b4-4d0e-9a6f-0c1d2e3f4a5c")


def text(value):
    """A stable one-line text form of a result."""
    if isinstance(value, libvirt.virDomain):
        return "domain(name=%s id=%d uuid=%s)" % (value.name(), value.ID(), value.UUIDString())
    if isinstance(value, libvirt.virNetwork):
        return "network(name=%s uuid=%s)" % (value.name(), value.UUIDString())
    if isinstance(value, str):
        return " ".join(line.strip() for line in value.splitlines())
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(text(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join("%s=%s" % (k, text(value[k])) for k in sorted(value)) + "}"
    return repr(value)


def clock(value, units_per_second):
    """The test driver's CPU times are the time of day in some unit: "clock" when they are that."""
    now = time.time() * units_per_second
    return "clock" if abs(value - now) < 60 * units_per_second else value


def domain_info(info):
    state, max_mem, mem, vcpus, cpu_time = info
    return [state, max_mem, mem, vcpus, clock(cpu_time, 1e9)]


def vcpus(result):
    """virDomainGetVcpus: the test driver's vCPU times are the time of day in units of 10 µs."""
    infos, maps = result
    return [[[n, state, clock(cpu_time, 1e5), cpu] for n, state, cpu_time, cpu in infos], maps]


def error(e):
    return "error code=%s domain=%s message=%s" % (e.get_error_code(), e.get_error_domain(), text(e.get_error_message()))


def show(name, call):
    """Prints what call() returns, or the libvirt error it raises; returns the value (None on error)."""
    try:
        value = call()
    except libvirt.libvirtError as e:
        print("%s: %s" % (name, error(e)), flush=True)
        return None
    print("%s: %s" % (name, text(value)), flush=True)
    return value


def silence(ctx, err):
    """libvirt prints every error on stderr by default; the script reports them itself."""


libvirt.registerErrorHandler(silence, None)

conn = libvirt.open("test+unix:///default?socket=" + RW_SOCKET)

# the connection and the node
show("getType", conn.getType)
show("getVersion", conn.getVersion)
show("getLibVersion", conn.getLibVersion)
show("getHostname", conn.getHostname)
show("getURI", lambda: conn.getURI().replace(RW_SOCKET, "SOCKET"))
show("getMaxVcpus", lambda: conn.getMaxVcpus(None))
show("getCapabilities", conn.getCapabilities)
show("getInfo", conn.getInfo)
show("getFreeMemory", conn.getFreeMemory)
show("getCellsFreeMemory", lambda: conn.getCellsFreeMemory(0, 2))
show("isSecure", conn.isSecure)

# the domains there are, and domain "test"
show("listAllDomains", conn.listAllDomains)
show("listDomainsID", conn.listDomainsID)
show("listDefinedDomains", conn.listDefinedDomains)
show("numOfDomains", conn.numOfDomains)
test = show("lookupByName", lambda: conn.lookupByName("test"))
show("lookupByUUIDString", lambda: conn.lookupByUUIDString(test.UUIDString()))
show("lookupByID", lambda: conn.lookupByID(test.ID()))
show("test.info", lambda: domain_info(test.info()))
show("test.state", test.state)
show("test.XMLDesc", lambda: test.XMLDesc(0))
show("test.XMLDesc(INACTIVE)", lambda: test.XMLDesc(libvirt.VIR_DOMAIN_XML_INACTIVE))
show("test.OSType", test.OSType)
show("test.isActive", test.isActive)
show("test.isPersistent", test.isPersistent)
show("test.autostart", test.autostart)
show("test.maxMemory", test.maxMemory)
show("test.maxVcpus", test.maxVcpus)
show("test.vcpus", lambda: vcpus(test.vcpus()))
show("test.vcpusFlags", lambda: test.vcpusFlags(0))
show("test.schedulerType", test.schedulerType)
show("test.schedulerParameters", test.schedulerParameters)
show("test.hasManagedSaveImage", lambda: test.hasManagedSaveImage(0))

# a new domain through its whole life
dom = show("defineXML", lambda: conn.defineXML(NEW_DOMAIN))
show("new.info", lambda: domain_info(dom.info()))
show("new.state", dom.state)
show("new.isActive", dom.isActive)
show("new.isPersistent", dom.isPersistent)
show("new.XMLDesc", lambda: dom.XMLDesc(0))
show("new.setMaxMemory", lambda: dom.setMaxMemory(196608))
show("new.info after setMaxMemory", lambda: domain_info(dom.info()))
show("new.setMemory", lambda: dom.setMemory(98304))
show("new.info after setMemory", lambda: domain_info(dom.info()))
show("new.setMemory above the maximum", lambda: dom.setMemory(1048576))
show("new.setMemoryFlags(CONFIG)", lambda: dom.setMemoryFlags(98304, libvirt.VIR_DOMAIN_AFFECT_CONFIG))
show("new.info after setMemoryFlags(CONFIG)", lambda: domain_info(dom.info()))
show("new.setMemoryFlags(CONFIG|MAXIMUM)",
     lambda: dom.setMemoryFlags(229376, libvirt.VIR_DOMAIN_AFFECT_CONFIG | libvirt.VIR_DOMAIN_MEM_MAXIMUM))
show("new.maxMemory after setMemoryFlags(MAXIMUM)", dom.maxMemory)
show("new.setMemoryFlags(LIVE) while inactive", lambda: dom.setMemoryFlags(98304, libvirt.VIR_DOMAIN_AFFECT_LIVE))
show("new.setVcpusFlags(CONFIG)", lambda: dom.setVcpusFlags(1, libvirt.VIR_DOMAIN_AFFECT_CONFIG))
show("new.vcpusFlags(CONFIG)", lambda: dom.vcpusFlags(libvirt.VIR_DOMAIN_AFFECT_CONFIG))
show("new.vcpusFlags(CONFIG|MAXIMUM)", lambda: dom.vcpusFlags(libvirt.VIR_DOMAIN_AFFECT_CONFIG | libvirt.VIR_DOMAIN_VCPU_MAXIMUM))
show("new.setAutostart", lambda: dom.setAutostart(1))
show("new.autostart", dom.autostart)
show("new.setAutostart off", lambda: dom.setAutostart(0))
show("new.vcpus while inactive", dom.vcpus)
show("new.suspend while inactive", dom.suspend)
show("new.create", dom.create)
show("new.ID after create", dom.ID)
show("new.state after create", dom.state)
show("new.info after create", lambda: domain_info(dom.info()))
show("new.vcpus after create", lambda: vcpus(dom.vcpus()))
show("new.setMemory while running", lambda: dom.setMemory(65536))
show("new.info after setMemory while running", lambda: domain_info(dom.info()))
show("new.XMLDesc while running", lambda: dom.XMLDesc(0))
show("new.schedulerType", dom.schedulerType)
show("new.schedulerParameters", dom.schedulerParameters)
show("new.create again", dom.create)
show("new.suspend", dom.suspend)
show("new.state after suspend", dom.state)
show("new.suspend again", dom.suspend)
show("new.resume", dom.resume)
show("new.state after resume", dom.state)
show("new.resume again", dom.resume)
show("new.destroy", dom.destroy)
show("new.state after destroy", dom.state)
show("new.ID after destroy", dom.ID)
show("new.destroy again", dom.destroy)
show("new.undefine", dom.undefine)
show("new.info after undefine", dom.info)
show("lookupByName after undefine", lambda: conn.lookupByName(NEW_NAME))
show("listAllDomains at the end", conn.listAllDomains)

# networks
show("listAllNetworks", conn.listAllNetworks)
show("listNetworks", conn.listNetworks)
net = show("networkLookupByName", lambda: conn.networkLookupByName("default"))
show("networkLookupByUUIDString", lambda: conn.networkLookupByUUIDString(net.UUIDString()))
show("network.XMLDesc", lambda: net.XMLDesc(0))
show("network.isActive", net.isActive)
show("network.isPersistent", net.isPersistent)
show("network.autostart", net.autostart)
show("network.bridgeName", net.bridgeName)
newnet = show("networkDefineXML", lambda: conn.networkDefineXML(NEW_NETWORK))
show("newnet.isActive", newnet.isActive)
show("newnet.XMLDesc", lambda: newnet.XMLDesc(0))
show("newnet.create", newnet.create)
show("newnet.isActive after create", newnet.isActive)
show("newnet.destroy", newnet.destroy)
show("newnet.undefine", newnet.undefine)
show("newnet.isActive after undefine", newnet.isActive)
show("listAllNetworks at the end", conn.listAllNetworks)

# errors
show("lookupByName of a missing domain", lambda: conn.lookupByName("no-such-domain"))
show("lookupByUUIDString of a missing domain",
     lambda: conn.lookupByUUIDString("00000000-0000-0000-0000-000000000001"))
show("lookupByID of a missing domain", lambda: conn.lookupByID(4242))
show("networkLookupByName of a missing network", lambda: conn.networkLookupByName("no-such-network"))
show("defineXML of malformed XML", lambda: conn.defineXML("<domain"))
show("test.create while running", test.create)

# read-only: reading works, every mutation is refused
ro = libvirt.openReadOnly("test+unix:///default?socket=" + RO_SOCKET)
rotest = show("ro.lookupByName", lambda: ro.lookupByName("test"))
show("ro.info", lambda: domain_info(rotest.info()))
show("ro.defineXML", lambda: ro.defineXML(RO_DOMAIN))
show("ro.createXML", lambda: ro.createXML(RO_DOMAIN, 0))
show("ro.create", rotest.create)
show("ro.suspend", rotest.suspend)
show("ro.resume", rotest.resume)
show("ro.destroy", rotest.destroy)
show("ro.shutdown", rotest.shutdown)
show("ro.reboot", lambda: rotest.reboot(0))
show("ro.undefine", rotest.undefine)
show("ro.setMemory", lambda: rotest.setMemory(98304))
show("ro.setMaxMemory", lambda: rotest.setMaxMemory(98304))
show("ro.setVcpus", lambda: rotest.setVcpus(1))
show("ro.setAutostart", lambda: rotest.setAutostart(1))
show("ro.XMLDesc(SECURE)", lambda: rotest.XMLDesc(libvirt.VIR_DOMAIN_XML_SECURE))
rodefault = show("ro.networkLookupByName", lambda: ro.networkLookupByName("default"))
show("ro.network.destroy", rodefault.destroy)
show("ro.network.undefine", rodefault.undefine)
show("ro.network.setAutostart", lambda: rodefault.setAutostart(1))
show("ro.listAllDomains", ro.listAllDomains)
ro.close()
conn.close()
