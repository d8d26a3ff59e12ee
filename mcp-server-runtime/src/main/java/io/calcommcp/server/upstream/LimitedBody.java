package io.calcommcp.server.upstream;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Reads an answer's body as UTF-8 up to a number of bytes. A body that announces more, or turns
 * out to be longer, is not read further: the download is cancelled (which closes the connection),
 * so an API that sends gigabytes costs this server at most the limit in memory.
 */
final class LimitedBody implements HttpResponse.BodyHandler<LimitedBody.Body> {

    /** The body's text, or how many bytes had arrived when it was refused. */
    sealed interface Body {
        record Text(String text) implements Body {}

        record TooLarge(long announcedOrSeenBytes) implements Body {}
    }

    private final long maxBytes;

    LimitedBody(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public HttpResponse.BodySubscriber<Body> apply(HttpResponse.ResponseInfo info) {
        OptionalLong announced = info.headers().firstValueAsLong("Content-Length");
        if (announced.isPresent() && announced.getAsLong() > maxBytes) {
            return new Reader(maxBytes, announced.getAsLong());
        }
        return new Reader(maxBytes, -1);
    }

    private static final class Reader implements HttpResponse.BodySubscriber<Body> {

        private final long maxBytes;
        private final long refuseAnnounced;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final CompletableFuture<Body> result = new CompletableFuture<>();
        private Flow.Subscription subscription;

        /** @param refuseAnnounced the announced length to refuse at once, or -1 */
        Reader(long maxBytes, long refuseAnnounced) {
            this.maxBytes = maxBytes;
            this.refuseAnnounced = refuseAnnounced;
        }

        @Override
        public CompletionStage<Body> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            if (refuseAnnounced >= 0) {
                subscription.cancel();
                result.complete(new Body.TooLarge(refuseAnnounced));
                return;
            }
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer buffer : buffers) {
                long seen = (long) bytes.size() + buffer.remaining();
                if (seen > maxBytes) {
                    subscription.cancel();
                    result.complete(new Body.TooLarge(seen));
                    return;
                }
                byte[] chunk = new byte[buffer.remaining()];
                buffer.get(chunk);
                bytes.write(chunk, 0, chunk.length);
            }
        }

        @Override
        public void onError(Throwable error) {
            result.completeExceptionally(error);
        }

        @Override
        public void onComplete() {
            result.complete(new Body.Text(bytes.toString(StandardCharsets.UTF_8)));
        }
    }
}
