package org.jvirt.proxy.remote;

import static org.jvirt.proxy.protocol.remote.RemoteProcedure.*;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jvirt.api.CoreDumpFlag;
import org.jvirt.api.DomainListFilter;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.Flag;
import org.jvirt.api.SaveFlag;
import org.jvirt.api.VirtException;
import org.jvirt.model.DomainXml;
import org.jvirt.proxy.protocol.remote.*;
import org.jvirt.spi.DomainRef;
import org.jvirt.spi.DriverOperations;

/**
 * Saving, restoring and dumping a domain. The files are the daemon's: paths go as the core made them
 * (absolute), and are read and written on the daemon's host.
 *
 * <p>libvirt's restore answers nothing, while jvirt's names the restored domain. It is found, after the
 * restore, by the UUID in the image ({@code virDomainSaveImageGetXMLDesc}, which libvirt's drivers serve);
 * where the daemon lacks that, as the domain that was not running before the restore and is afterwards.
 */
interface RemoteDomainSaveRestore extends RemoteOperations, DriverOperations.DomainSaveRestore,
        DriverOperations.DomainCoreDump {

    @Override
    default void save(DomainRef domain, Path file, Set<SaveFlag> flags) {
        if (flags.isEmpty()) {
            channel().call(REMOTE_PROC_DOMAIN_SAVE, new RemoteDomainSaveArgs(WireRefs.domain(domain), file.toString()));
        } else {
            channel().call(REMOTE_PROC_DOMAIN_SAVE_FLAGS, new RemoteDomainSaveFlagsArgs(WireRefs.domain(domain),
                    file.toString(), Optional.empty(), Flag.bits(flags)));
        }
    }

    @Override
    default DomainRef restore(Path file, Set<SaveFlag> flags) {
        UUID saved = session().saveImageXmlUnsupported() ? null : savedUuid(file);
        Set<UUID> running = saved == null ? activeUuids() : Set.of();
        if (flags.isEmpty()) {
            channel().call(REMOTE_PROC_DOMAIN_RESTORE, new RemoteDomainRestoreArgs(file.toString()));
        } else {
            channel().call(REMOTE_PROC_DOMAIN_RESTORE_FLAGS,
                    new RemoteDomainRestoreFlagsArgs(file.toString(), Optional.empty(), Flag.bits(flags)));
        }
        if (saved != null) {
            return WireRefs.domain(channel().call(REMOTE_PROC_DOMAIN_LOOKUP_BY_UUID,
                    new RemoteDomainLookupByUuidArgs(WireRefs.bytes(saved)), RemoteDomainLookupByUuidRet.class).dom());
        }
        List<DomainRef> started = activeDomains().stream().filter(d -> !running.contains(d.uuid())).toList();
        if (started.size() != 1) {
            throw new VirtException(ErrorCode.INTERNAL_ERROR, ErrorDomain.REMOTE, ErrorCode.INTERNAL_ERROR.format(
                    "restored '" + file + "', but cannot tell which domain it started: " + started.size()
                            + " domains started meanwhile on " + channel().describe()));
        }
        return started.get(0);
    }

    /**
     * The UUID of the domain saved in {@code file}, or null when the daemon cannot tell (it lacks the
     * procedure, remembered for the connection) or the image is unreadable (the restore then says why).
     */
    private UUID savedUuid(Path file) {
        try {
            String xml = channel().call(REMOTE_PROC_DOMAIN_SAVE_IMAGE_GET_XML_DESC,
                    new RemoteDomainSaveImageGetXmlDescArgs(file.toString(), 0), RemoteDomainSaveImageGetXmlDescRet.class)
                    .xml();
            return DomainXml.parse(xml).uuid();
        } catch (VirtException e) {
            if (e.code() == ErrorCode.NO_SUPPORT) {
                session().saveImageXmlIsUnsupported();
            }
            return null;
        }
    }

    private List<DomainRef> activeDomains() {
        return channel().call(REMOTE_PROC_CONNECT_LIST_ALL_DOMAINS,
                new RemoteConnectListAllDomainsArgs(1, DomainListFilter.ACTIVE.bit()), RemoteConnectListAllDomainsRet.class)
                .domains().stream().map(WireRefs::domain).toList();
    }

    private Set<UUID> activeUuids() {
        Set<UUID> uuids = new HashSet<>();
        activeDomains().forEach(d -> uuids.add(d.uuid()));
        return uuids;
    }

    @Override
    default Set<SaveFlag> saveFlags() {
        return Set.of(SaveFlag.values());
    }

    @Override
    default Set<SaveFlag> restoreFlags() {
        return Set.of(SaveFlag.values());
    }

    @Override
    default void coreDump(DomainRef domain, Path file, Set<CoreDumpFlag> flags) {
        channel().call(REMOTE_PROC_DOMAIN_CORE_DUMP,
                new RemoteDomainCoreDumpArgs(WireRefs.domain(domain), file.toString(), Flag.bits(flags)));
    }

    @Override
    default Set<CoreDumpFlag> coreDumpFlags() {
        return Set.of(CoreDumpFlag.values());
    }
}
