package io.nubo.computeagent.hypervisor;

import io.nubo.shared.nativecall.NativeStackExecutor;
import org.libvirt.Library;
import org.libvirt.LibvirtException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * libvirt's default event loop, once per JVM: registered before the first connection opens (or that connection
 * gets no events) and run on a daemon thread with a native-sized stack.
 */
final class LibvirtEventLoop {

    private static final Logger log = LoggerFactory.getLogger(LibvirtEventLoop.class);
    private static boolean started;

    private LibvirtEventLoop() {
    }

    static synchronized void ensureStarted() throws LibvirtException {
        if (started) {
            return;
        }
        Library.initEventLoop();
        Thread t = new Thread(null, () -> {
            try {
                Library.runEventLoop();
            } catch (LibvirtException | InterruptedException e) {
                log.warn("libvirt event loop stopped: {}", e.toString());
            }
        }, "libvirt-events", NativeStackExecutor.NATIVE_STACK_BYTES);
        t.setDaemon(true);
        t.start();
        started = true;
    }
}
