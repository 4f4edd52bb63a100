package io.pushfleet.bench.client;

import io.pushfleet.client.ApiException;
import io.pushfleet.client.CloseReason;
import io.pushfleet.client.ConnectOptions;
import io.pushfleet.client.EdgeConnection;
import io.pushfleet.client.LoginResponse;
import io.pushfleet.client.PushClient;
import io.pushfleet.client.Transport;
import io.pushfleet.model.id.DeviceId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Logs in, connects to the chosen edge and prints every frame it receives as one line, until the
 * connection closes or the process is interrupted. Exit code 0 after a close by the user, 1 when the
 * server closed or refused, 2 for bad arguments.
 */
@Command(name = "client", mixinStandardHelpOptions = true,
        description = "Log in, connect to an edge and print what arrives (Ctrl-C to quit).")
public final class ClientCommand implements Callable<Integer> {

    @Option(names = "--control-plane", description = "Control plane base URL (default: ${DEFAULT-VALUE}).",
            defaultValue = "http://127.0.0.1:8080")
    URI controlPlane;

    @Option(names = "--user", required = true, description = "Username.")
    String username;

    @Option(names = "--password", required = true, description = "Password.")
    String password;

    @Option(names = "--device", description = "Device id (default: ${DEFAULT-VALUE}).", defaultValue = "cli")
    String device;

    @Option(names = "--register", description = "Register the user first (a 409 for an existing user is ignored).")
    boolean register;

    @Option(names = "--transport", description = "WEBSOCKET_JSON, WEBSOCKET_BINARY or TCP (default: ${DEFAULT-VALUE}).",
            defaultValue = "WEBSOCKET_JSON")
    Transport transport;

    private final PrintStream out;

    public ClientCommand() {
        this(System.out);
    }

    ClientCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws InterruptedException {
        ConnectOptions options = ConnectOptions.builder().transport(transport).build();
        try (PushClient client = PushClient.builder().controlPlane(controlPlane).options(options).build()) {
            if (register) {
                registerIgnoringDuplicate(client);
            }
            LoginResponse login = client.login(username, password, new DeviceId(device));
            out.println("logged in; edge " + login.edge().nodeId() + " (" + login.edge().wsUrl() + "), token expires "
                    + login.expiresAt());
            EdgeConnection connection = client.connect(login, new PrintingListener(out)).get(30, TimeUnit.SECONDS);
            out.println("connected: " + connection.authOk());
            Runtime.getRuntime().addShutdownHook(new Thread(connection::close, "client-close"));
            CloseReason reason = connection.closed().get();
            out.println("closed: " + reason);
            return reason.byServer() ? 1 : 0;
        } catch (ApiException e) {
            out.println("control plane refused: " + e.getMessage());
            return 1;
        } catch (UncheckedIOException e) {
            out.println("control plane unreachable at " + controlPlane + ": " + e.getMessage());
            return 1;
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            out.println("connect failed: " + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()));
            return 1;
        }
    }

    private void registerIgnoringDuplicate(PushClient client) {
        try {
            out.println("registered user " + client.register(username, password));
        } catch (ApiException e) {
            if (e.status() != 409) {
                throw e;
            }
            out.println("user exists; logging in");
        }
    }
}
