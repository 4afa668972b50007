package io.asyncio4j.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * An iterator over lines fetched in batches: each {@link #hasNext()} that finds the local batch
 * empty awaits one executor hop for the next batch (about 64 KiB of lines), so iterating a large
 * file costs one hop per batch, not per line. Must be used inside a task.
 */
final class BatchIterator<T> implements Iterator<T> {
    interface Fetch<T> {
        List<T> next() throws IOException;
    }

    private final Fetch<T> fetch;
    private final ArrayDeque<T> batch = new ArrayDeque<>();
    private boolean done;

    BatchIterator(Fetch<T> fetch) {
        this.fetch = fetch;
    }

    @Override
    public boolean hasNext() {
        if (batch.isEmpty() && !done) {
            List<T> more;
            try {
                more = fetch.next();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (more.isEmpty()) {
                done = true;
            } else {
                batch.addAll(more);
            }
        }
        return !batch.isEmpty();
    }

    @Override
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return batch.poll();
    }
}
