package io.pushfleet.localstack.server;


import io.pushfleet.localstack.install.Binaries;
import io.pushfleet.localstack.install.Binary;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Redis on loopback without persistence ({@code save ""}, no AOF): a cache and stream store for tests
 * and local runs, empty after each restart.
 */
public final class RedisServer extends AbstractManagedServer {

    public RedisServer(String host, int port, Path directory) {
        super("redis", host, port, directory);
    }

    @Override
    public Set<Binary> requiredBinaries() {
        return EnumSet.of(Binary.REDIS_SERVER, Binary.SETSID);
    }

    @Override
    public boolean isServerCommandLine(String commandLine) {
        return commandLine.contains("redis-server");
    }

    @Override
    public boolean usesConfiguredPorts(String commandLine) {
        // Right after exec the arguments are as launched; Redis soon rewrites them to "redis-server 127.0.0.1:26379".
        List<String> args = List.of(commandLine.split(" "));
        int portFlag = args.indexOf("--port");
        boolean launchedArgs = portFlag >= 0 && portFlag + 1 < args.size()
                && args.get(portFlag + 1).equals(Integer.toString(port));
        return args.contains(host + ":" + port) || launchedArgs;
    }

    @Override
    public boolean answers() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 1000);
            socket.setSoTimeout(2000);
            socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            return "+PONG".equals(readLine(socket.getInputStream()));
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void prepare(Binaries binaries) {
        // Nothing to initialise: no persistence, the directory is created by the supervisor.
    }

    @Override
    public List<String> command(Binaries binaries) {
        return List.of(binaries.path(Binary.REDIS_SERVER).toString(),
                "--port", Integer.toString(port),
                "--bind", host,
                "--dir", directory.toString(),
                "--save", "",
                "--appendonly", "no",
                "--daemonize", "no",
                "--protected-mode", "yes");
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != -1 && b != '\n' && line.size() < 256; b = in.read()) {
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }
}
