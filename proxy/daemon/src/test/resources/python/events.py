#!/usr/bin/python3
"""Domain lifecycle events through python3-libvirt from a daemon serving test:///default.

Usage: /usr/bin/python3 events.py RW_SOCKET

Registers three lifecycle callbacks -- "all" (every domain), "test" (domain "test" only) and
"marker" (domain "marker" only, kept to the end) -- drives domains through their lives, deregisters
"all" and drives one more, then prints, per callback, the events it received in order, one line each:
"callback: domain event detail". Events travel in order on the connection, so once "marker" has seen
the marker domain stopped, every earlier event has arrived: the script waits for that (with a
deadline), never for a fixed time. (libvirt refuses a second callback with the same filter on one
connection from python -- "event callback already tracked" -- hence a marker domain of its own.)
"""

import sys
import threading
import time

import libvirt

RW_SOCKET = sys.argv[1]
DEADLINE_SECONDS = 20

EVENTS = ["DEFINED", "UNDEFINED", "STARTED", "SUSPENDED", "RESUMED", "STOPPED", "SHUTDOWN", "PMSUSPENDED", "CRASHED"]


def domain_xml(name, uuid):
    return ("<domain type='test'><name>%s</name><uuid>%s</uuid>"
            "<memory unit='KiB'>65536</memory><vcpu>1</vcpu>"
            "<os><type arch='i686'>hvm</type></os></domain>" % (name, uuid))


def event_name(event):
    return EVENTS[event] if 0 <= event < len(EVENTS) else "EVENT_%d" % event


def detail_name(event, detail):
    """libvirt's name of the detail, e.g. VIR_DOMAIN_EVENT_STARTED_BOOTED -> BOOTED."""
    prefix = "VIR_DOMAIN_EVENT_%s_" % event_name(event)
    for name in dir(libvirt):
        if name.startswith(prefix) and getattr(libvirt, name) == detail and not name.endswith("_LAST"):
            return name[len(prefix):]
    return "DETAIL_%d" % detail


received = {"all": [], "test": [], "marker": []}
arrived = threading.Condition()


def recorder(label):
    def callback(conn, dom, event, detail, opaque):
        with arrived:
            received[label].append("%s %s %s" % (dom.name(), event_name(event), detail_name(event, detail)))
            arrived.notify_all()
    return callback


def sync(marker):
    """Starts and stops the marker domain, then waits until "marker" has heard it stopped."""
    expected = received["marker"].count("marker STOPPED DESTROYED") + 1
    marker.create()
    marker.destroy()
    deadline = time.monotonic() + DEADLINE_SECONDS
    with arrived:
        while received["marker"].count("marker STOPPED DESTROYED") < expected:
            left = deadline - time.monotonic()
            if left <= 0:
                sys.exit("the marker domain's events did not arrive within %d s; received: %r"
                         % (DEADLINE_SECONDS, received))
            arrived.wait(left)


def run_event_loop():
    while True:
        libvirt.virEventRunDefaultImpl()


libvirt.virEventRegisterDefaultImpl()
threading.Thread(target=run_event_loop, name="libvirt-events", daemon=True).start()

conn = libvirt.open("test+unix:///default?socket=" + RW_SOCKET)
test = conn.lookupByName("test")
marker = conn.defineXML(domain_xml("marker", "7c9e6679-7425-40de-944b-e07fc1f90ae0"))
ids = {
    "all": conn.domainEventRegisterAny(None, libvirt.VIR_DOMAIN_EVENT_ID_LIFECYCLE, recorder("all"), None),
    "test": conn.domainEventRegisterAny(test, libvirt.VIR_DOMAIN_EVENT_ID_LIFECYCLE, recorder("test"), None),
    "marker": conn.domainEventRegisterAny(marker, libvirt.VIR_DOMAIN_EVENT_ID_LIFECYCLE, recorder("marker"), None),
}

# one domain through its whole life, and domain "test" paused and resumed in the middle of it
dom = conn.defineXML(domain_xml("pyevents", "7c9e6679-7425-40de-944b-e07fc1f90ae7"))
dom.create()
dom.suspend()
test.suspend()
dom.resume()
test.resume()
dom.destroy()
dom.undefine()
# a transient domain: started by its creation, gone with its destruction
transient = conn.createXML(domain_xml("pytransient", "7c9e6679-7425-40de-944b-e07fc1f90ae8"), 0)
transient.destroy()
sync(marker)

# after its deregistration "all" hears nothing more; the others still do
conn.domainEventDeregisterAny(ids["all"])
after = conn.defineXML(domain_xml("pyafter", "7c9e6679-7425-40de-944b-e07fc1f90ae9"))
after.create()
test.suspend()
test.resume()
after.destroy()
after.undefine()
sync(marker)

conn.domainEventDeregisterAny(ids["test"])
conn.domainEventDeregisterAny(ids["marker"])
marker.undefine()
with arrived:
    for label in ("all", "test", "marker"):
        print("%s: %d events" % (label, len(received[label])))
        for line in received[label]:
            print("%s: %s" % (label, line))
conn.close()
