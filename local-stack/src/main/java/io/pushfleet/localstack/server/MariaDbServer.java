package io.pushfleet.localstack.server;

import static java.util.Objects.requireNonNull;

import io.pushfleet.localstack.LocalStackException;
import io.pushfleet.localstack.install.Binaries;
import io.pushfleet.localstack.install.Binary;
import io.pushfleet.localstack.process.CommandRunner;
import io.pushfleet.localstack.process.Directories;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * MariaDB with a private data directory, socket and pid file, ignoring {@code /etc/mysql}
 * ({@code --no-defaults}), with database {@code pushfleet} and its user created on every start.
 *
 * <p>{@code root} has no password and is reachable only through the socket in the data directory
 * and from loopback; the {@code pushfleet} user gets all privileges on {@code pushfleet} and on
 * {@code pushfleet_*}, so tests may create throw-away schemas.
 */
public final class MariaDbServer extends AbstractManagedServer {

    /** Unix socket paths longer than this do not fit {@code sockaddr_un} (108 bytes with the NUL). */
    private static final int MAX_SOCKET_PATH = 100;
    private static final Duration INIT_TIMEOUT = Duration.ofMinutes(2);

    private final boolean runAsRoot;
    private final String database;
    private final String user;
    private final String password;

    /**
     * @param runAsRoot whether this process is root, which mariadbd refuses unless told {@code --user=root}
     */
    public MariaDbServer(String host, int port, Path directory, boolean runAsRoot,
                         String database, String user, String password) {
        super("mariadb", host, port, directory);
        this.runAsRoot = runAsRoot;
        this.database = requireNonNull(database, "database");
        this.user = requireNonNull(user, "user");
        this.password = requireNonNull(password, "password");
    }

    private Path dataDir() {
        return directory.resolve("data");
    }

    /** The socket lives in the data directory unless that path is too long for a unix socket. */
    Path socket() {
        Path socket = directory.resolve("mariadb.sock");
        return socket.toString().length() <= MAX_SOCKET_PATH
                ? socket : Path.of(System.getProperty("java.io.tmpdir"), "pushfleet-mariadb-" + port + ".sock");
    }

    @Override
    public Set<Binary> requiredBinaries() {
        return EnumSet.of(Binary.MARIADBD, Binary.MARIADB_INSTALL_DB, Binary.MARIADB_CLIENT, Binary.SETSID);
    }

    @Override
    public boolean isServerCommandLine(String commandLine) {
        return commandLine.contains("mariadbd") || commandLine.contains("mysqld");
    }

    @Override
    public boolean usesConfiguredPorts(String commandLine) {
        return List.of(commandLine.split(" ")).contains("--port=" + port);
    }

    @Override
    public boolean answers() {
        // A ready server greets first: 3-byte length, sequence id, then protocol version 10.
        // An error packet (0xff: too many connections, host blocked) does not count.
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 1000);
            socket.setSoTimeout(2000);
            InputStream in = socket.getInputStream();
            byte[] head = in.readNBytes(5);
            return head.length == 5 && (head[4] & 0xff) == 0x0a;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void prepare(Binaries binaries) {
        if (Files.isDirectory(dataDir().resolve("mysql"))) {
            return;
        }
        Directories.deleteRecursively(dataDir());
        List<String> command = new ArrayList<>(List.of(
                binaries.path(Binary.MARIADB_INSTALL_DB).toString(),
                "--no-defaults",
                "--datadir=" + dataDir(),
                "--auth-root-authentication-method=normal",
                "--skip-test-db",
                "--skip-name-resolve"));
        if (runAsRoot) {
            command.add("--user=root");
        }
        try {
            CommandRunner.run("mariadb-install-db", command, Map.of(), logFile(), INIT_TIMEOUT);
        } catch (LocalStackException e) {
            // A half-initialised directory would be taken for a finished one next time.
            Directories.deleteRecursively(dataDir());
            throw e;
        }
    }

    @Override
    public List<String> command(Binaries binaries) {
        List<String> command = new ArrayList<>(List.of(
                binaries.path(Binary.MARIADBD).toString(),
                "--no-defaults",
                "--datadir=" + dataDir(),
                "--port=" + port,
                "--bind-address=" + host,
                "--socket=" + socket(),
                "--pid-file=" + directory.resolve("mariadbd.pid"),
                "--log-error=" + logFile(),
                "--skip-name-resolve",
                // Probes connect and hang up; do not let them block the host.
                "--max-connect-errors=100000000",
                "--character-set-server=utf8mb4",
                "--collation-server=utf8mb4_unicode_ci",
                "--innodb-buffer-pool-size=128M"));
        if (runAsRoot) {
            command.add("--user=root");
        }
        return command;
    }

    @Override
    public void afterReady(Binaries binaries) {
        List<String> command = List.of(
                binaries.path(Binary.MARIADB_CLIENT).toString(),
                "--no-defaults",
                "--protocol=socket",
                "--socket=" + socket(),
                "--user=root",
                "--batch",
                "--execute=" + bootstrapSql());
        CommandRunner.run("creating database " + database, command, Map.of(), logFile(), Duration.ofSeconds(60));
    }

    /** Idempotent: safe on every start, also against a data directory from an earlier run. */
    String bootstrapSql() {
        StringBuilder sql = new StringBuilder()
                .append("CREATE DATABASE IF NOT EXISTS `").append(database)
                .append("` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;");
        for (String from : List.of("127.0.0.1", "localhost")) {
            String account = "'" + user + "'@'" + from + "'";
            sql.append("CREATE USER IF NOT EXISTS ").append(account)
                    .append(" IDENTIFIED BY '").append(password).append("';")
                    .append("GRANT ALL PRIVILEGES ON `").append(database).append("`.* TO ").append(account).append(';')
                    .append("GRANT ALL PRIVILEGES ON `").append(database).append("\\_%`.* TO ").append(account).append(';');
        }
        return sql.toString();
    }
}
