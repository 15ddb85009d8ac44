package io.nubo.objectstore.storage;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Flushes a file to disk on another thread while its writer goes on receiving the next bytes, so that the writer's
 * own final flush finds little left to write: without it the kernel keeps a whole large upload dirty in the page
 * cache (background writeback starts only at 10% of memory, or after 30 s) and the final {@code fdatasync} writes
 * all of it after the last byte arrived, while the disk was idle during the upload.
 *
 * <p>At most one flush per file is under way or queued: a new one starts once {@code every} bytes were written
 * since the previous one started and that one is done, so a slow disk gets fewer, larger flushes. A failed flush
 * fails the write, at the next {@link #wrote} or at {@link #finish}: Linux reports a writeback error to one
 * {@code fsync} of the file description only, so the writer's final flush could not see it again.
 */
final class BackgroundFlush {

    /** Flushes the file; {@code FileChannel::force} in the blob store, anything that fails in a test. */
    @FunctionalInterface
    interface Flush {
        void run() throws IOException;
    }

    /**
     * Shared by every writer: flushes wait on the disk, not on a CPU, and a queued one that its writer no longer
     * needs is dropped. The threads go when idle (the all-in-one counts its threads).
     */
    private static final ExecutorService FLUSHERS = flushers(4);

    private final Flush flush;
    private final long every;
    private long sinceLast;
    private Run last;

    BackgroundFlush(Flush flush, long every) {
        this.flush = flush;
        this.every = every;
    }

    /** Counts {@code n} more bytes written, and starts a flush when they make {@code every} and none is under way. */
    void wrote(long n) throws IOException {
        sinceLast += n;
        if (sinceLast < every || (last != null && !last.done.isDone())) {
            return;
        }
        if (last != null) {
            await(last.done);
        }
        sinceLast = 0;
        last = new Run();
        FLUSHERS.execute(last);
    }

    /**
     * Drops a flush that has not started, waits for one under way, and throws the error of any that failed; the
     * caller then flushes the rest itself.
     */
    void finish() throws IOException {
        if (last != null && !last.drop()) {
            await(last.done);
        }
    }

    /** After a failed write: the same as {@link #finish}, but a flush's own error no longer matters. */
    void abandon() {
        try {
            finish();
        } catch (IOException e) {
            // the write already failed with its own error
        }
    }

    /**
     * One flush, queued or under way. Not a {@code FutureTask}: cancelling one that runs marks it cancelled at
     * once, so a writer would neither wait for it nor hear of its error.
     */
    private final class Run implements Runnable {
        private static final int QUEUED = 0;
        private static final int RUNNING = 1;
        private static final int DROPPED = 2;
        private final AtomicInteger state = new AtomicInteger(QUEUED);
        private final CompletableFuture<Void> done = new CompletableFuture<>();

        @Override
        public void run() {
            if (!state.compareAndSet(QUEUED, RUNNING)) {
                return;
            }
            try {
                flush.run();
                done.complete(null);
            } catch (Throwable t) {
                done.completeExceptionally(t);
            }
        }

        /** True when it had not started and now never will. */
        boolean drop() {
            return state.compareAndSet(QUEUED, DROPPED);
        }
    }

    private static void await(CompletableFuture<Void> f) throws IOException {
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while a flush of the blob was under way");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException("flushing the blob failed", e.getCause());
        }
    }

    private static ExecutorService flushers(int threads) {
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "blob-flush-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
