/**
 * jvirt's API, model and SPI: what embedders and driver authors compile against. It needs the JDK
 * alone (the model reads and writes XML with the JDK's StAX).
 *
 * @since 1.0
 */
module org.jvirt.core.api {
    requires java.xml;

    exports org.jvirt.api;
    exports org.jvirt.model;
    exports org.jvirt.model.xml;
    exports org.jvirt.spi;
}
