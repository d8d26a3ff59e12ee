package io.calcommcp.server.metrics;

import io.calcommcp.server.engine.CallObserver;
import io.calcommcp.server.engine.Outcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The server's meters, in Prometheus form. Labels are tool names, outcomes, HTTP status codes and
 * refusal reasons: small, fixed sets, never a token, a key or an argument value.
 *
 * <ul>
 *   <li>{@code mcp_tool_calls_total{tool,outcome}}: tool calls by how they ended
 *   <li>{@code mcp_upstream_request_seconds{tool}}: time to the API's answer, as a histogram
 *   <li>{@code mcp_upstream_responses_total{tool,status}}: the API's status codes ({@code none}: no answer)
 *   <li>{@code mcp_upstream_rate_limited_total{tool}}: the API's 429s
 *   <li>{@code mcp_refused_total{reason}}: requests and calls refused before anything was sent
 *   <li>{@code mcp_active_requests}: MCP requests being handled now
 *   <li>JVM memory, GC, threads, classes, CPU and uptime; the store's connection pool ({@code hikaricp_*})
 * </ul>
 */
public final class PrometheusMetrics implements CallObserver, AutoCloseable {

    private final AtomicInteger active = new AtomicInteger();
    // Looked up once per tool and outcome: building a meter's id on every call costs more than counting.
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    private volatile PrometheusMeterRegistry registry;
    private boolean jvmMetersBound;

    /**
     * The registry, for the store's connection pool to report to; made on first use. Making it
     * (Prometheus's configuration, the first meter of each kind) took tens of milliseconds of a
     * one-CPU start, and a server's first answer needs none of it: counting a request is an
     * increment, and the first meter is registered after that answer or by the first call.
     */
    public MeterRegistry registry() {
        return prometheus();
    }

    private PrometheusMeterRegistry prometheus() {
        PrometheusMeterRegistry made = registry;
        if (made == null) {
            synchronized (this) {
                made = registry;
                if (made == null) {
                    made = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
                    Gauge.builder("mcp.active.requests", active, AtomicInteger::get)
                            .description("MCP requests being handled now")
                            .register(made);
                    registry = made;
                }
            }
        }
        return made;
    }

    /**
     * Adds the JVM's meters (memory, GC, threads, classes, CPU, uptime), once. Not done at
     * construction: binding them loads a few hundred classes, which a server should do after its
     * first answer rather than before it; the first scrape binds them if nothing did earlier.
     */
    public synchronized void bindJvmMeters() {
        if (jvmMetersBound) {
            return;
        }
        jvmMetersBound = true;
        MeterRegistry registry = prometheus();
        new JvmMemoryMetrics().bindTo(registry);
        bindGcCounters(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    /**
     * Collections and their time per collector, read from the JVM when scraped. Not Micrometer's
     * GC binder: it handles a JMX notification after every collection, and at thousands of calls a
     * second the young collections come by the hundred: that work (and compiling it) took a
     * noticeable share of the one CPU that serves the calls.
     */
    private static void bindGcCounters(MeterRegistry registry) {
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            FunctionCounter.builder("jvm.gc.collections", collector, GarbageCollectorMXBean::getCollectionCount)
                    .description("Garbage collections since the JVM started")
                    .tag("gc", collector.getName())
                    .register(registry);
            FunctionCounter.builder("jvm.gc.collection.seconds", collector, c -> c.getCollectionTime() / 1000.0)
                    .description("Time spent in garbage collections since the JVM started")
                    .tag("gc", collector.getName())
                    .register(registry);
        }
    }

    /** Everything, in the Prometheus text format. */
    public String scrape() {
        bindJvmMeters();
        return prometheus().scrape();
    }

    @Override
    public void toolCall(String tool, Outcome outcome) {
        count("mcp.tool.calls", "Tool calls by how they ended", "tool", tool, "outcome", outcome.label());
    }

    @Override
    public void upstreamAnswer(String tool, int status, long nanos) {
        latency(tool).record(nanos, TimeUnit.NANOSECONDS);
        status(tool, String.valueOf(status));
        if (status == 429) {
            count("mcp.upstream.rate.limited", "Answers of 429 Too Many Requests from the API", "tool", tool);
        }
    }

    @Override
    public void upstreamUnavailable(String tool, long nanos) {
        latency(tool).record(nanos, TimeUnit.NANOSECONDS);
        status(tool, "none");
    }

    @Override
    public void refused(String reason) {
        count(
                "mcp.refused",
                "Requests and calls refused before anything was sent upstream, by reason",
                "reason",
                reason);
    }

    @Override
    public void requestStarted() {
        active.incrementAndGet();
    }

    @Override
    public void requestEnded() {
        active.decrementAndGet();
    }

    private Timer latency(String tool) {
        return timers.computeIfAbsent(
                tool,
                key -> Timer.builder("mcp.upstream.request")
                        .description("Time from sending a request to the API to its answer")
                        .tag("tool", tool)
                        .publishPercentileHistogram()
                        .minimumExpectedValue(Duration.ofMillis(1))
                        .maximumExpectedValue(Duration.ofSeconds(60))
                        .register(prometheus()));
    }

    private void status(String tool, String status) {
        count(
                "mcp.upstream.responses",
                "The API's answers by HTTP status; none: no answer",
                "tool",
                tool,
                "status",
                status);
    }

    /** Increments the counter {@code name} with these tag names and values, registered on first use. */
    private void count(String name, String description, String... tags) {
        counters.computeIfAbsent(
                        name + '\u0000' + String.join("\u0000", tags),
                        key -> Counter.builder(name)
                                .description(description)
                                .tags(tags)
                                .register(prometheus()))
                .increment();
    }

    @Override
    public void close() {
        PrometheusMeterRegistry made = registry;
        if (made != null) {
            made.close();
        }
    }
}
