package io.nubo.objectstore.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BackgroundFlushTest {

    @Test
    void aFlushStartsOnlyOnceEnoughBytesWereWritten() throws Exception {
        AtomicInteger flushes = new AtomicInteger();
        CountDownLatch flushed = new CountDownLatch(1);
        BackgroundFlush f = new BackgroundFlush(() -> {
            flushes.incrementAndGet();
            flushed.countDown();
        }, 100);
        f.wrote(60);
        assertThat(flushed.await(200, TimeUnit.MILLISECONDS)).isFalse();
        f.wrote(40);
        assertThat(flushed.await(10, TimeUnit.SECONDS)).isTrue();
        f.finish();
        assertThat(flushes).hasValue(1);
    }

    @Test
    void oneFlushAtATimeAndFinishWaitsForTheOneUnderWay() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger flushes = new AtomicInteger();
        AtomicBoolean done = new AtomicBoolean();
        BackgroundFlush f = new BackgroundFlush(() -> {
            flushes.incrementAndGet();
            started.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            done.set(true);
        }, 10);
        f.wrote(10);
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        for (int i = 0; i < 20; i++) {
            f.wrote(10); // the disk is busy: no second flush piles up behind the first
        }
        assertThat(flushes).hasValue(1);
        Thread releaser = new Thread(() -> {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            release.countDown();
        });
        releaser.start();
        f.finish();
        assertThat(done).isTrue();
        releaser.join();
    }

    @Test
    void aFailedFlushFailsTheWriteEvenIfLaterFlushesWouldSucceed() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        CountDownLatch started = new CountDownLatch(1);
        BackgroundFlush f = new BackgroundFlush(() -> {
            started.countDown();
            if (calls.incrementAndGet() == 1) {
                throw new IOException("EIO on writeback");
            }
        }, 10);
        f.wrote(10);
        // a flush still queued when the writer finishes is dropped (the writer flushes the rest itself): wait until
        // this one has started, so that its error is the writer's to hear
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        assertThatThrownBy(f::finish).isInstanceOf(IOException.class).hasMessage("EIO on writeback");
    }

    @Test
    void aFailedFlushIsReportedAtTheNextWriteAlready() throws Exception {
        CountDownLatch failed = new CountDownLatch(1);
        BackgroundFlush f = new BackgroundFlush(() -> {
            failed.countDown();
            throw new IOException("EIO on writeback");
        }, 10);
        f.wrote(10);
        assertThat(failed.await(10, TimeUnit.SECONDS)).isTrue();
        assertThatThrownBy(() -> {
            for (int i = 0; i < 1000; i++) { // the next write after the flush is seen done fails
                f.wrote(10);
                Thread.sleep(5);
            }
        }).hasMessage("EIO on writeback");
    }

    @Test
    void abandonSwallowsTheFlushErrorAndWaits() {
        BackgroundFlush f = new BackgroundFlush(() -> {
            throw new IOException("EIO on writeback");
        }, 1);
        try {
            f.wrote(1);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        f.abandon();
    }
}
