package io.nubo.objectstore.storage;

import java.nio.ByteBuffer;
import java.util.concurrent.ArrayBlockingQueue;

/**
 * The buffers a blob write copies the body through: a heap array the body is read into and hashed on, and a direct
 * buffer of the same size the file is written from. The direct one is ours so that its memory is bounded: given a
 * heap buffer, {@code FileChannel.write} copies it into a temporary direct buffer of its size that the JDK then
 * keeps for good in every thread that wrote (up to 200 request threads, 1 MiB each). A few are kept for reuse;
 * more concurrent writers get new ones, left to the garbage collector when they are done.
 */
final class CopyBuffers {

    /** One writer's pair; {@link #heap} and {@link #direct} have the same size. */
    record Pair(byte[] heap, ByteBuffer direct) {
    }

    private final int size;
    private final ArrayBlockingQueue<Pair> kept;

    CopyBuffers(int size, int keep) {
        this.size = size;
        this.kept = new ArrayBlockingQueue<>(keep);
    }

    Pair take() {
        Pair p = kept.poll();
        return p != null ? p : new Pair(new byte[size], ByteBuffer.allocateDirect(size));
    }

    void release(Pair p) {
        p.direct().clear();
        kept.offer(p);
    }

    int size() {
        return size;
    }
}
