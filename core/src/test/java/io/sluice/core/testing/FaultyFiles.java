package io.sluice.core.testing;

import io.sluice.core.fs.ChannelOpener;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * A {@link ChannelOpener} over the real file system whose channels fail on demand, the way the kernel reports it:
 * an fsync answers {@code Input/output error}; a write past a byte budget writes what fits and then answers
 * {@code No space left on device}. It exists for the one fault a real disk cannot produce when a test wants it, a
 * failed fsync (a full disk is tested for real too, on a small tmpfs, in the server's {@code DiskFullIT}).
 * Everything else is the real file: bytes written are on the real file system. Thread-safe.
 */
public final class FaultyFiles implements ChannelOpener {

    private volatile Predicate<Path> failFsync = path -> false;
    private volatile boolean failTruncate;
    private final AtomicLong writeBudget = new AtomicLong(-1);
    private final AtomicInteger fsyncs = new AtomicInteger();

    /** From now on an fsync of a file or directory matching {@code which} fails with {@code Input/output error}. */
    public void failFsyncOf(Predicate<Path> which) {
        failFsync = which;
    }

    /** From now on writes succeed for {@code bytes} more bytes in total, then fail with {@code No space left on device}. */
    public void fillUpAfter(long bytes) {
        writeBudget.set(bytes);
    }

    /** From now on truncating a file fails with {@code Input/output error}. */
    public void failTruncates() {
        failTruncate = true;
    }

    /** Every fault off. */
    public void heal() {
        failFsync = path -> false;
        failTruncate = false;
        writeBudget.set(-1);
    }

    /** fsyncs asked for so far (failed ones included). */
    public int fsyncCalls() {
        return fsyncs.get();
    }

    @Override
    public FileChannel open(Path path, OpenOption... options) throws IOException {
        return new Faulty(path, FileChannel.open(path, options));
    }

    /** How many of {@code wanted} bytes the budget lets through (-1: the disk is full). */
    private int admit(int wanted) {
        while (true) {
            long budget = writeBudget.get();
            if (budget < 0) {
                return wanted;
            }
            if (budget == 0) {
                return -1;
            }
            int granted = (int) Math.min(budget, wanted);
            if (writeBudget.compareAndSet(budget, budget - granted)) {
                return granted;
            }
        }
    }

    private final class Faulty extends FileChannel {
        private final Path path;
        private final FileChannel delegate;

        Faulty(Path path, FileChannel delegate) {
            this.path = path;
            this.delegate = delegate;
        }

        @Override
        public void force(boolean metaData) throws IOException {
            fsyncs.incrementAndGet();
            if (failFsync.test(path)) {
                throw new IOException("Input/output error");
            }
            delegate.force(metaData);
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            int granted = admit(src.remaining());
            if (granted < 0) {
                throw new IOException("No space left on device");
            }
            ByteBuffer part = src.slice(src.position(), granted);
            int n = delegate.write(part, position);
            src.position(src.position() + n);
            return n;
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            int n = write(src, delegate.position());
            delegate.position(delegate.position() + n);
            return n;
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
            long total = 0;
            for (int i = offset; i < offset + length; i++) {
                total += write(srcs[i]);
            }
            return total;
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            if (failTruncate) {
                throw new IOException("Input/output error");
            }
            delegate.truncate(size);
            return this;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return delegate.read(dst);
        }

        @Override
        public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
            return delegate.read(dsts, offset, length);
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            return delegate.read(dst, position);
        }

        @Override
        public long position() throws IOException {
            return delegate.position();
        }

        @Override
        public FileChannel position(long newPosition) throws IOException {
            delegate.position(newPosition);
            return this;
        }

        @Override
        public long size() throws IOException {
            return delegate.size();
        }

        @Override
        public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
            return delegate.transferTo(position, count, target);
        }

        @Override
        public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
            throw new UnsupportedOperationException("not used by the log");
        }

        @Override
        public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
            throw new UnsupportedOperationException("not used by the log");
        }

        @Override
        public FileLock lock(long position, long size, boolean shared) throws IOException {
            return delegate.lock(position, size, shared);
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) throws IOException {
            return delegate.tryLock(position, size, shared);
        }

        @Override
        protected void implCloseChannel() throws IOException {
            delegate.close();
        }
    }
}
