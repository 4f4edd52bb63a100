package io.pushfleet.localstack.process;

import static java.util.Objects.requireNonNull;

import io.pushfleet.localstack.LocalStackException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Serialises start and stop of one instance across JVMs (a file lock on {@code <dataDir>/.lock}) and
 * across threads of this JVM (a file lock is held per JVM, so threads queue on an in-memory lock first).
 */
public final class InstanceLock implements AutoCloseable {

    private static final ConcurrentMap<Path, ReentrantLock> IN_JVM = new ConcurrentHashMap<>();

    private final ReentrantLock threadLock;
    private final FileChannel channel;
    private final FileLock fileLock;

    private InstanceLock(ReentrantLock threadLock, FileChannel channel, FileLock fileLock) {
        this.threadLock = threadLock;
        this.channel = channel;
        this.fileLock = fileLock;
    }

    /** Blocks until this thread holds the lock of the instance whose data lives in {@code dataDir}. */
    public static InstanceLock acquire(Path dataDir) {
        requireNonNull(dataDir, "dataDir");
        Path lockFile = dataDir.toAbsolutePath().normalize().resolve(".lock");
        ReentrantLock threadLock = IN_JVM.computeIfAbsent(lockFile, ignored -> new ReentrantLock());
        threadLock.lock();
        if (threadLock.getHoldCount() > 1) {
            // Nested use on one thread: the outer holder already has the file lock.
            return new InstanceLock(threadLock, null, null);
        }
        FileChannel channel = null;
        try {
            Files.createDirectories(dataDir);
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            return new InstanceLock(threadLock, channel, channel.lock());
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            threadLock.unlock();
            throw new LocalStackException("lock: cannot lock " + lockFile + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            if (fileLock != null) {
                fileLock.release();
            }
        } catch (IOException ignored) {
            // Closing the channel below releases the lock anyway.
        } finally {
            closeQuietly(channel);
            threadLock.unlock();
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // Nothing left to do with a channel that will not close; the OS frees it with the JVM.
        }
    }
}
