package org.jvirt.driver.qemu.address;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;
import org.jvirt.model.CharDevice;
import org.jvirt.model.ControllerDevice;
import org.jvirt.model.DeviceAddress;

/**
 * libvirt's qemuDomainAssignVirtioSerialAddresses: the ports of each virtio-serial controller (31
 * unless it says {@code ports=}), the ones the document chose taken first, refused when taken twice
 * or missing; then each virtio console takes the first free port from 0 (without recording it, as
 * libvirt) and each virtio channel the first free port from 1, on the first controller with one.
 * Stateless; each call works on its own devices.
 */
final class VirtioSerialAssigner {
    private static final int DEFAULT_PORTS = 31;

    private VirtioSerialAssigner() {
    }

    static void assign(GuestDevices devices) {
        // Controller index -> taken ports (bit per port), and how many ports it has.
        Map<Integer, boolean[]> controllers = new TreeMap<>();
        for (int i : devices.controllers("virtio-serial")) {
            ControllerDevice c = (ControllerDevice) devices.get(i);
            String ports = c.unknowns().attributesAt("").get("ports");
            int count = ports == null ? DEFAULT_PORTS : (int) PciAddress.number(ports);
            controllers.putIfAbsent(c.index(), new boolean[Math.max(count, 0)]);
        }
        for (int i : IterationOrder.of(devices)) {
            DeviceAddress a = devices.address(i);
            if (complete(a)) {
                reserve(controllers, number(a, "controller"), number(a, "port"));
            }
        }
        for (String kind : new String[] {"console", "channel"}) {
            boolean console = kind.equals("console");
            for (int i : devices.indexesOf(kind)) {
                CharDevice c = (CharDevice) devices.get(i);
                DeviceAddress a = c.address();
                if (!"virtio".equals(c.targetType()) || complete(a)) {
                    continue;
                }
                int controller;
                int port;
                if (a != null && "virtio-serial".equals(a.type())) {
                    controller = number(a, "controller");
                    boolean[] ports = controllers.get(controller);
                    if (ports == null) {
                        throw new VirtException(ErrorCode.INTERNAL_ERROR, ErrorDomain.DOMAIN, ErrorCode.INTERNAL_ERROR
                                .format("virtio-serial controller " + controller + " not available"));
                    }
                    port = firstFree(ports, 1);
                    if (port <= 0) {
                        throw xml("Unable to find a free port on virtio-serial controller " + controller);
                    }
                } else {
                    if (controllers.isEmpty()) {
                        throw new VirtException(ErrorCode.INTERNAL_ERROR, ErrorDomain.DOMAIN, ErrorCode.INTERNAL_ERROR
                                .format("no virtio-serial controllers are available"));
                    }
                    controller = -1;
                    port = -1;
                    for (Map.Entry<Integer, boolean[]> e : controllers.entrySet()) {
                        port = firstFree(e.getValue(), console ? 0 : 1);
                        if (port >= 0) {
                            controller = e.getKey();
                            break;
                        }
                    }
                    if (controller < 0) {
                        throw new VirtException(ErrorCode.INTERNAL_ERROR, ErrorDomain.DOMAIN, ErrorCode.INTERNAL_ERROR
                                .format("Unable to find a free virtio-serial port"));
                    }
                }
                reserve(controllers, controller, port);
                if (!console) {
                    Map<String, String> at = new LinkedHashMap<>();
                    at.put("controller", Integer.toString(controller));
                    at.put("bus", "0");
                    at.put("port", Integer.toString(port));
                    devices.setAddress(i, new DeviceAddress("virtio-serial", at));
                }
            }
        }
    }

    /** virDomainVirtioSerialAddrIsComplete: a virtio-serial address with a port other than 0. */
    private static boolean complete(DeviceAddress a) {
        return a != null && "virtio-serial".equals(a.type()) && number(a, "port") != 0;
    }

    private static void reserve(Map<Integer, boolean[]> controllers, int controller, int port) {
        boolean[] ports = controllers.get(controller);
        if (ports == null) {
            throw xml("virtio serial controller " + controller + " is missing");
        }
        if (port < 0 || port >= ports.length) {
            throw xml("virtio serial controller " + controller + " does not have port " + port);
        }
        if (ports[port]) {
            throw xml("virtio serial port " + port + " on controller " + controller + " is already occupied");
        }
        ports[port] = true;
    }

    private static int firstFree(boolean[] ports, int from) {
        for (int p = from; p < ports.length; p++) {
            if (!ports[p]) {
                return p;
            }
        }
        return -1;
    }

    private static int number(DeviceAddress a, String name) {
        String v = a.attribute(name);
        return v == null ? 0 : (int) PciAddress.number(v);
    }

    private static VirtException xml(String detail) {
        return new VirtException(ErrorCode.XML_ERROR, ErrorDomain.DOMAIN, ErrorCode.XML_ERROR.format(detail));
    }
}
