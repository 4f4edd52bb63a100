package io.pushfleet.bench.push;

import io.pushfleet.bench.fleet.AdminApi;
import io.pushfleet.bench.fleet.ClientFleet;
import io.pushfleet.bench.fleet.EdgeEndpoint;
import io.pushfleet.bench.fleet.FleetPlan;
import io.pushfleet.bench.fleet.Machine;
import io.pushfleet.bench.fleet.SyntheticUsers;
import io.pushfleet.bench.fleet.TokenMint;
import io.pushfleet.bench.stats.Table;
import io.pushfleet.model.id.DeviceId;
import io.pushfleet.model.id.UserId;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * What every scenario starts with: the admin API, the selectable edges, tokens minted locally for synthetic
 * users, and a fleet of connected clients; it prints where and on what the benchmark runs. Closing it
 * closes the clients.
 */
final class BenchSession implements AutoCloseable {

    static final DeviceId DEVICE = new DeviceId("bench");

    final AdminApi api;
    final ClientFleet fleet;
    final FleetPlan plan;
    final PrintStream out;

    private BenchSession(AdminApi api, ClientFleet fleet, FleetPlan plan, PrintStream out) {
        this.api = api;
        this.fleet = fleet;
        this.plan = plan;
        this.out = out;
    }

    /**
     * Connects {@code clients} clients, client {@code i} as user {@code userOf.apply(i)}, spread over the
     * selectable edges (at least {@code minEdges} of them).
     */
    static BenchSession open(FleetOptions options, PrintStream out, String scenario, SyntheticUsers users,
                             int clients, int minEdges, IntFunction<UserId> userOf) throws IOException, InterruptedException {
        out.println("== pushfleet bench push " + scenario + " ==");
        out.println(Machine.describe());
        AdminApi api = new AdminApi(options.controlPlane, readAdminKey(options.adminKeyFile), Duration.ofSeconds(60));
        List<EdgeEndpoint> edges = api.selectableEdges();
        if (edges.size() < minEdges) {
            throw new IllegalStateException("selectable edges at " + options.controlPlane + ": " + edges
                    + " (expected: at least " + minEdges + ")");
        }
        FleetPlan plan = FleetPlan.spread(clients, userOf, edges, options.sources);
        out.println("control plane " + options.controlPlane + "; edges " + edges);
        out.println("synthetic user ids " + users + " (no accounts)");

        long heapBefore = heapAfterGc();
        TokenMint mint = TokenMint.fromKeyFile(options.signingKeys, TokenMint.ISSUER, TokenMint.AUDIENCE, DEVICE);
        long t0 = System.nanoTime();
        List<String> tokens = mint.mint(plan.clients().stream().map(c -> c.userId()).toList());
        out.printf("tokens: MINTED LOCALLY with the control plane's signing key (kid %s, %s, device %s): %,d in %,d ms;"
                        + " login is not measured%n", mint.keyId(), options.signingKeys, DEVICE, tokens.size(),
                ms(System.nanoTime() - t0));

        ClientFleet fleet = options.newFleet();
        try {
            t0 = System.nanoTime();
            fleet.connect(plan, tokens, options.connectConcurrency, options.connectTimeout);
            long took = System.nanoTime() - t0;
            String perEdge = plan.perEdge().entrySet().stream().map(e -> e.getKey().nodeId() + " " + e.getValue())
                    .collect(Collectors.joining(", "));
            out.printf("clients: %s; %,d authenticated in %,d ms (%s/s), %s%n", fleet.describe(), plan.size(), ms(took),
                    Table.format(plan.size() / (took / 1e9), 0), perEdge);
            long heapAfter = heapAfterGc();
            out.printf("client JVM with them: heap +%,d KB after GC (%s KB per client), %d platform threads%s%n",
                    (heapAfter - heapBefore) / 1024, Table.format((heapAfter - heapBefore) / 1024.0 / plan.size(), 2),
                    ManagementFactory.getThreadMXBean().getThreadCount(),
                    options.client == FleetOptions.ClientKind.SDK ? " (plus one virtual thread per connection)" : "");
        } catch (RuntimeException | InterruptedException e) {
            fleet.close();
            throw e;
        }
        return new BenchSession(api, fleet, plan, out);
    }

    static String readAdminKey(Path file) throws IOException {
        requireNonNull(file, "file");
        if (!Files.isReadable(file)) {
            throw new IOException("admin key file " + file + " is not readable (bin/start writes it; or pass --admin-key-file)");
        }
        return Files.readString(file).strip();
    }

    static long heapAfterGc() {
        for (int i = 0; i < 2; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    static long ms(long nanos) {
        return Math.round(nanos / 1e6);
    }

    /** Prints drops of clients since connecting, if any: a benchmark that lost clients says so. */
    void reportDrops() {
        ClientFleet.Drops d = fleet.drops();
        if (d.count() > 0) {
            out.printf("WARNING: %,d clients lost their connection during the runs (last: %s); %,d still open%n",
                    d.count(), d.lastReason(), fleet.open());
        }
    }

    @Override
    public void close() {
        out.println("load average at the end " + Machine.loadAverage());
        fleet.close();
    }
}
