package io.pushfleet.edge.bootstrap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CancellationException;

/**
 * The edge process: reads the configuration (exit 2 when invalid), logs it with secrets masked, starts an
 * {@link EdgeNode}, prints one line with the bound ports (and writes them to {@code --ports-file}), and on
 * SIGTERM shuts the node down gracefully (drain first); a watchdog halts the process if that takes longer than
 * the drain timeout plus the shutdown timeout plus a margin.
 */
public final class EdgeMain {

    private static final Logger log = LoggerFactory.getLogger(EdgeMain.class);
    private static final long WATCHDOG_MARGIN_MILLIS = 5_000;

    private EdgeMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        EdgeConfig config;
        try {
            Optional<EdgeConfig> loaded = new EdgeConfigLoader(System.getenv())
                    .load(args, new PrintWriter(System.out, true, StandardCharsets.UTF_8));
            if (loaded.isEmpty()) {
                return;
            }
            config = loaded.get();
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        log.info("effective configuration: {}", config);
        EdgeNode node = new EdgeNode(config, Clock.systemUTC());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> shutdown(node, config), "edge-shutdown"));
        try {
            BoundPorts ports = node.start();
            System.out.println("edge ready nodeId=" + node.nodeId() + " " + ports.describe());
            if (config.portsFile() != null) {
                ports.writeTo(config.portsFile());
            }
        } catch (CancellationException e) {
            return;
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        } catch (Exception e) {
            log.error("edge failed to start nodeId={}", config.nodeId(), e);
            System.exit(1);
        }
        node.awaitTermination();
    }

    private static void shutdown(EdgeNode node, EdgeConfig config) {
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(config.drain().timeout().toMillis() + config.shutdownTimeout().toMillis()
                        + WATCHDOG_MARGIN_MILLIS);
                log.error("graceful shutdown took too long; halting nodeId={}", config.nodeId());
                Runtime.getRuntime().halt(1);
            } catch (InterruptedException ignored) {
                // Shutdown finished in time.
            }
        }, "edge-shutdown-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        node.close();
        watchdog.interrupt();
    }
}
