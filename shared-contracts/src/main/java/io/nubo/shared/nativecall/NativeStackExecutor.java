package io.nubo.shared.nativecall;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs native library calls on threads with a C-sized stack. librados and librbd are C++ libraries written for
 * 8 MiB thread stacks; called from a JVM thread with a small one (the all-in-one runs with {@code -Xss512k}) they
 * overflow it and the JVM dies ("irrecoverable stack overflow"). The caller waits for each call, so behaviour is
 * the same as a direct call, one thread hop later.
 *
 * <p>The one way Nubo calls native code (librados, librbd, libvirt): every driver that does holds one of these and
 * makes each native call through it.
 */
public final class NativeStackExecutor implements AutoCloseable {

    /** A call into a native library that may fail with an {@link IOException}. */
    public interface NativeCall<T> {
        T call() throws IOException;
    }

    private final ExecutorService threads;

    /** The usual size: what C libraries expect of a thread (glibc's default is 8 MiB; twice that for margin). */
    public static final long NATIVE_STACK_BYTES = 16L << 20;

    public NativeStackExecutor(String name, int threads, long stackBytes) {
        AtomicInteger n = new AtomicInteger();
        this.threads = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(null, r, name + "-" + n.incrementAndGet(), stackBytes);
            t.setDaemon(true);
            return t;
        });
    }

    public <T> T call(NativeCall<T> call) throws IOException {
        Future<T> f = threads.submit(call::call);
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a native call");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IOException(cause);
        }
    }

    public void run(NativeCall<?> call) throws IOException {
        call(call);
    }

    @Override
    public void close() {
        threads.shutdown();
    }
}
