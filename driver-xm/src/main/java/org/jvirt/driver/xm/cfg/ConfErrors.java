package org.jvirt.driver.xm.cfg;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.jvirt.api.ErrorCode;
import org.jvirt.api.ErrorDomain;
import org.jvirt.api.VirtException;
import org.jvirt.spi.IoErrors;

/** The errors of reading configuration files, worded and classified as libvirt's virConf's. Stateless. */
final class ConfErrors {
    private static final String PREFIX = "configuration file syntax error: ";

    private ConfErrors() {
    }

    /** CONF_SYNTAX naming every problem as {@code file:line:column: what}. */
    static VirtException syntax(String file, List<ConfProblem> problems) {
        String all = problems.stream().map(p -> file + ":" + p.line() + ":" + p.column() + ": " + p.message())
                .collect(Collectors.joining("; "));
        return new VirtException(ErrorCode.CONF_SYNTAX, ErrorDomain.CONF, PREFIX + all, null, file, null);
    }

    /** CONF_SYNTAX for content beyond {@link XmConfigFile#MAX_SIZE}, read no further. */
    static VirtException tooLarge(String file, long size) {
        return new VirtException(ErrorCode.CONF_SYNTAX, ErrorDomain.CONF, PREFIX + file + ": " + size
                + " bytes or more is larger than the " + XmConfigFile.MAX_SIZE + " bytes a configuration file may have",
                null, file, null);
    }

    /** SYSTEM_ERROR for a file that could not be read. */
    static VirtException readFailed(Path file, IOException e) {
        return new VirtException(ErrorCode.SYSTEM_ERROR, ErrorDomain.CONF, "Failed to read file '" + file + "': "
                + IoErrors.strerror(e), null, file.toString(), e);
    }

    /** INVALID_ARG for a setting name the grammar cannot hold. */
    static VirtException badName(String key) {
        return new VirtException(ErrorCode.INVALID_ARG, ErrorDomain.CONF,
                ErrorCode.INVALID_ARG.format("'" + key + "' is not a setting name (a letter or '_', then letters, digits, '_')"));
    }
}
