# What python3-libvirt sends for a spread of calls, through the relay (argv[1]: its socket).
# Each call's result is printed so the test can see the session went through.
import sys
import libvirt

sock = sys.argv[1]
libvirt.virEventRegisterDefaultImpl()
conn = libvirt.open('test+unix:///default?socket=' + sock)
events = []
conn.domainEventRegisterAny(None, libvirt.VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                            lambda c, d, e, detail, opaque: events.append((d.name(), e)), None)
dom = conn.lookupByName('test')
print('info', dom.info())
print('state', dom.state())
print('xml', len(dom.XMLDesc(0)))
print('uuid', dom.UUIDString())
print('sched', dom.schedulerParameters())
print('memparams', dom.memoryParameters())
print('caps', len(conn.getCapabilities()))
print('nodeinfo', conn.getInfo())
print('hostname', conn.getHostname())
print('version', conn.getVersion(), conn.getLibVersion())
print('domains', [d.name() for d in conn.listAllDomains()])
print('networks', conn.listNetworks())
print('pools', conn.listStoragePools())
print('seclabel', dom.securityLabel())
print('secmodel', conn.getSecurityModel())
print('vcpus', dom.vcpus())
dom.suspend()
dom.resume()
while len(events) < 2:
    libvirt.virEventRunDefaultImpl()
print('events', events)
try:
    conn.lookupByName('no-such-domain')
except libvirt.libvirtError as e:
    print('error', e.get_error_code())
conn.close()

