package org.jvirt.driver.xenstore.wire;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The requests of one XenStore transaction, as {@link XenstoreClient#transaction} hands them to its
 * body: each carries the transaction's id, so that xenstored applies the writes all at once at the end,
 * or not at all. Valid only inside the body; thread-safe as the client is.
 */
public final class XsTransaction {
    private final XenstoreClient client;
    private final int id;

    XsTransaction(XenstoreClient client, int id) {
        this.client = client;
        this.id = id;
    }

    /** The transaction id xenstored gave. */
    public int id() {
        return id;
    }

    /** As {@link XenstoreClient#read}, inside the transaction. */
    public byte[] read(String path) {
        return client.read(id, path);
    }

    /** As {@link XenstoreClient#readIfPresent}, inside the transaction. */
    public Optional<String> readIfPresent(String path) {
        return client.readIfPresent(id, path);
    }

    /** As {@link XenstoreClient#write(String, String)}, inside the transaction. */
    public void write(String path, String value) {
        client.write(id, path, value.getBytes(StandardCharsets.UTF_8));
    }

    /** As {@link XenstoreClient#write(String, byte[])}, inside the transaction. */
    public void write(String path, byte[] value) {
        client.write(id, path, value);
    }

    /** As {@link XenstoreClient#mkdir}, inside the transaction. */
    public void mkdir(String path) {
        client.mkdir(id, path);
    }

    /** As {@link XenstoreClient#rm}, inside the transaction. */
    public void rm(String path) {
        client.rm(id, path);
    }

    /** As {@link XenstoreClient#directory}, inside the transaction. */
    public List<String> directory(String path) {
        return client.directory(id, path);
    }

    /** As {@link XenstoreClient#setPermissions}, inside the transaction. */
    public void setPermissions(String path, List<XsPermission> permissions) {
        client.setPermissions(id, path, permissions);
    }
}
