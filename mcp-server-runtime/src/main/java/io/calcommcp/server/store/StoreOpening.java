package io.calcommcp.server.store;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The store, opening on its own thread while the server starts listening: migrating and checking
 * the database takes a good part of a second, and the single-key endpoint's first {@code
 * tools/list} needs none of it. On a one-CPU container the two would share the CPU, so the opening
 * can wait: until something needs the store ({@link #get}), until {@link #begin} says the server
 * has answered its first request, or at most a short delay. Whoever needs the store waits for it;
 * start-up waits too, in the end, so that a store that cannot be opened still stops the server
 * with its message.
 *
 * <p>A store that does not exist yet can also be left until a request needs it ({@link
 * #whenNeeded}): creating an empty database is most of what an idle single-key server would
 * otherwise hold in memory, for scoped URLs it may never serve.
 */
public final class StoreOpening implements Supplier<Store>, AutoCloseable {

    /** How long a request waits for a store still opening before it is told to try again. */
    private static final long REQUEST_WAIT_SECONDS = 10;

    private final CompletableFuture<Store> store;
    private final CountDownLatch go;
    private final boolean onlyWhenNeeded;
    private volatile boolean closing;

    private StoreOpening(CompletableFuture<Store> store, CountDownLatch go, boolean onlyWhenNeeded) {
        this.store = store;
        this.go = go;
        this.onlyWhenNeeded = onlyWhenNeeded;
    }

    /** Starts opening the store described by {@code config}. */
    public static StoreOpening start(StoreConfig config, Clock clock) {
        return start(() -> config.open(clock), Duration.ZERO, false);
    }

    /**
     * Opens the store, with the connection pool's meters in the registry {@code meterRegistry}
     * gives (asked for only then), once {@link
     * #begin} is called, something needs it, or {@code delay} has passed.
     */
    public static StoreOpening startWithin(StoreConfig config, Clock clock, Supplier<?> meterRegistry, Duration delay) {
        return start(() -> config.open(clock, meterRegistry.get()), delay, false);
    }

    /**
     * Opens (and so creates) the store only when a request needs it ({@link #get}); neither {@link
     * #begin} nor time starts it. For a store that does not exist yet ({@link StoreConfig#isNew}),
     * whose opening has nothing to check that start-up could report.
     */
    public static StoreOpening whenNeeded(StoreConfig config, Clock clock, Supplier<?> meterRegistry) {
        return start(() -> config.open(clock, meterRegistry.get()), Duration.ZERO, true);
    }

    private interface Opener {
        Store open() throws StoreException;
    }

    private static StoreOpening start(Opener opener, Duration delay, boolean onlyWhenNeeded) {
        CompletableFuture<Store> future = new CompletableFuture<>();
        CountDownLatch go = new CountDownLatch(onlyWhenNeeded || !delay.isZero() ? 1 : 0);
        StoreOpening opening = new StoreOpening(future, go, onlyWhenNeeded);
        Thread thread = new Thread(
                () -> {
                    try {
                        if (onlyWhenNeeded) {
                            go.await();
                        } else {
                            go.await(delay.toMillis(), TimeUnit.MILLISECONDS);
                        }
                        if (opening.closing) {
                            future.completeExceptionally(
                                    new StoreException("The server stopped before the store was opened."));
                            return;
                        }
                        future.complete(opener.open());
                    } catch (StoreException | RuntimeException e) {
                        future.completeExceptionally(e);
                    } catch (InterruptedException e) {
                        future.completeExceptionally(new StoreException("Interrupted before the store was opened.", e));
                    }
                },
                "store-open");
        thread.setDaemon(true);
        thread.start();
        return opening;
    }

    /** A store that is already open. */
    public static StoreOpening of(Store open) {
        return new StoreOpening(CompletableFuture.completedFuture(open), new CountDownLatch(0), false);
    }

    /** Opens the store now, if it is still waiting to, unless it opens only {@link #whenNeeded}. */
    public void begin() {
        if (!onlyWhenNeeded) {
            go.countDown();
        }
    }

    /** Whether the store opens only when a request needs it, and start-up must not wait for it. */
    public boolean opensWhenNeeded() {
        return onlyWhenNeeded;
    }

    /**
     * Runs {@code opened} with the store once it is open, or {@code failed} with the reason it could
     * not be (but not when the server stopped before opening it); on the opening thread, or at once
     * if that is over.
     */
    public void whenDone(Consumer<Store> opened, Consumer<Throwable> failed) {
        store.whenComplete((open, error) -> {
            if (error == null) {
                opened.accept(open);
            } else if (!closing) {
                failed.accept(error);
            }
        });
    }

    /**
     * Waits until the store is open, without hurrying it: it opens when it would have.
     *
     * @throws StoreException why it could not be opened, as {@link StoreConfig#open} says
     */
    public Store await() throws StoreException, InterruptedException {
        try {
            return store.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof StoreException cause) {
                throw cause;
            }
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new StoreException("The store could not be opened: " + e.getCause(), e.getCause());
        }
    }

    /**
     * Why the store cannot serve now, if it cannot: still opening, failed to open, or unreachable.
     * One that opens when needed and has not been needed yet has nothing to be waited for.
     */
    public Optional<String> notReadyBecause() {
        begin();
        if (onlyWhenNeeded && go.getCount() > 0) {
            return Optional.empty();
        }
        if (!store.isDone()) {
            return Optional.of("store_opening");
        }
        if (store.isCompletedExceptionally()) {
            return Optional.of("store_failed");
        }
        return store.join().isReachable() ? Optional.empty() : Optional.of("store_unreachable");
    }

    /**
     * The store, for a request: waits a little while it is still opening.
     *
     * @throws StoreUnavailableException if it is not open in time, or could not be opened
     */
    @Override
    public Store get() {
        go.countDown();
        try {
            return store.get(REQUEST_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted while the store was opening", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new StoreUnavailableException("the store is not open", e);
        }
    }

    /**
     * Closes the store, first letting one that is still opening finish: stopping a database in the
     * middle of its migration would leave the migration's errors for the user to read.
     */
    @Override
    public void close() {
        closing = true;
        go.countDown();
        try {
            store.get(REQUEST_WAIT_SECONDS, TimeUnit.SECONDS).close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // It never opened: nothing to close.
        }
    }
}
