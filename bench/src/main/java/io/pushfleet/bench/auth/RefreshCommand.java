package io.pushfleet.bench.auth;

import io.pushfleet.bench.fleet.Machine;
import io.pushfleet.bench.fleet.ProcStats;
import io.pushfleet.bench.stats.RunSeries;
import io.pushfleet.bench.stats.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code bench auth refresh}: what one token refresh ({@code POST /api/auth/refresh}) costs the control plane. One
 * user registers (once) and logs in; then every run sends {@code --requests} refreshes of that token from
 * {@code --concurrency} client threads and reads the control plane's CPU time from {@code /proc} before and after.
 * A refresh verifies the token and signs a new one (ES256 both), picks an edge and answers JSON: the figure that
 * {@code push.token.crypto} moves. Needs the control plane on this box (its CPU is read through the port it listens on).
 */
@Command(name = "refresh", mixinStandardHelpOptions = true,
        description = "Control-plane CPU and rate of token refreshes (POST /api/auth/refresh).")
public final class RefreshCommand implements Callable<Integer> {

    private static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"");

    @Spec
    CommandSpec spec;

    @Option(names = "--control-plane", defaultValue = "http://127.0.0.1:8080",
            description = "Control plane base URL; it must listen on this box (default: ${DEFAULT-VALUE}).")
    URI controlPlane;

    @Option(names = "--requests", defaultValue = "5000", description = "Refreshes per run (default: ${DEFAULT-VALUE}).")
    int requests;

    @Option(names = "--concurrency", defaultValue = "8", description = "Client threads (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--runs", defaultValue = "5", description = "Timed runs (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--warmup", defaultValue = "20000",
            description = "Untimed refreshes first, so the JIT has compiled the path (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--user", defaultValue = "bench-refresh", description = "User to register and log in (default: ${DEFAULT-VALUE}).")
    String user;

    private final PrintStream out;

    public RefreshCommand() {
        this(System.out);
    }

    RefreshCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        List<String> problems = new ArrayList<>();
        atLeast(problems, "--requests", requests, 1);
        atLeast(problems, "--concurrency", concurrency, 1);
        atLeast(problems, "--runs", runs, 1);
        atLeast(problems, "--warmup", warmup, 0);
        if (!problems.isEmpty()) {
            spec.commandLine().getErr().println(String.join("; ", problems));
            return 2;
        }
        long pid = ProcStats.listenerPid(controlPlane.getPort()).orElseThrow(() -> new IllegalStateException(
                "no process of this user listens on port " + controlPlane.getPort() + " here: run the control plane on this box"));
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        String token = login(http);
        HttpRequest refresh = HttpRequest.newBuilder(controlPlane.resolve("/api/auth/refresh"))
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()).build();
        out.printf("== pushfleet bench auth refresh ==%n%s; control plane pid %d at %s; %,d refreshes per run from %d"
                + " threads, %,d to warm up; which provider signs is in the control plane's start-up log"
                + " (\"signatures by ...\", push.token.crypto)%n", Machine.describe(), pid, controlPlane, requests,
                concurrency, warmup);
        if (warmup > 0) {
            run(http, refresh, pid, warmup);
        }
        RunSeries rate = new RunSeries("refreshes/s");
        RunSeries cpu = new RunSeries("control-plane CPU per refresh (us)");
        RunSeries failed = new RunSeries("answers other than 200");
        for (int i = 1; i <= runs; i++) {
            double[] r = run(http, refresh, pid, requests);
            rate.add(r[0]);
            cpu.add(r[1] * 1000);
            failed.add(r[2]);
            out.printf("run %d/%d: %,.0f refreshes/s, %.3f ms of control-plane CPU each, %.0f failed%n", i, runs, r[0], r[1], r[2]);
        }
        out.println();
        out.println("median, range over the runs");
        Table.ofSeries(List.of(rate, cpu, failed), 0).print(out);
        out.println("load average at the end " + Machine.loadAverage());
        return failed.max() > 0 ? 3 : 0;
    }

    private static void atLeast(List<String> problems, String option, int value, int least) {
        if (value < least) {
            problems.add(option + ": " + value + " (expected: >= " + least + ")");
        }
    }

    private String login(HttpClient http) throws IOException, InterruptedException {
        String body = "{\"username\":\"" + user + "\",\"password\":\"correct-horse-battery-9\",\"deviceId\":\"bench\"}";
        HttpResponse<String> register = post(http, "/api/auth/register", body);
        if (register.statusCode() / 100 != 2 && register.statusCode() != 409) { // 409: registered by an earlier run
            throw new IOException("registering " + user + " answered " + register.statusCode() + ": " + register.body());
        }
        HttpResponse<String> login = post(http, "/api/auth/login", body);
        Matcher m = TOKEN.matcher(login.body());
        if (login.statusCode() != 200 || !m.find()) {
            throw new IOException("login of " + user + " answered " + login.statusCode() + ": " + login.body());
        }
        return m.group(1);
    }

    private HttpResponse<String> post(HttpClient http, String path, String json) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(controlPlane.resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Sends {@code count} refreshes; returns refreshes per second, control-plane CPU ms per refresh, failures. */
    private double[] run(HttpClient http, HttpRequest refresh, long pid, int count) throws InterruptedException {
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger next = new AtomicInteger();
        Duration cpu0 = ProcStats.cpu(pid);
        long t0 = System.nanoTime();
        Runnable client = () -> {
            while (next.getAndIncrement() < count) {
                try {
                    if (http.send(refresh, HttpResponse.BodyHandlers.discarding()).statusCode() != 200) {
                        failed.incrementAndGet();
                    }
                } catch (IOException e) {
                    failed.incrementAndGet();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        };
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        for (int c = 0; c < concurrency; c++) {
            pool.execute(client);
        }
        pool.shutdown();
        if (!pool.awaitTermination(30, TimeUnit.MINUTES)) {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        double cpuMs = ProcStats.cpu(pid).minus(cpu0).toNanos() / 1e6;
        return new double[] {count / seconds, cpuMs / count, failed.get()};
    }
}
