package io.pushfleet.localstack.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pushfleet.localstack.LocalStackException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PackageInstallerTest {

    private static final Set<Binary> REDIS_AND_MARIADB = EnumSet.of(
            Binary.REDIS_SERVER, Binary.MARIADBD, Binary.MARIADB_INSTALL_DB, Binary.MARIADB_CLIENT, Binary.SETSID);

    @Test
    void findsInstalledProgramsWithoutRunningAnything() {
        FakeHost host = allInstalled().asRoot(true).withApt(true);

        Binaries binaries = installer(host).ensure(REDIS_AND_MARIADB);

        assertThat(binaries.path(Binary.MARIADBD)).isEqualTo(Path.of("/usr/bin/mariadbd"));
        assertThat(host.commands()).isEmpty();
    }

    @Test
    void fallsBackToTheMysqlNamesOfOlderPackages() {
        FakeHost host = new FakeHost().withExecutable("mysqld").withExecutable("mysql_install_db")
                .withExecutable("mysql").withExecutable("setsid");

        Binaries binaries = installer(host).ensure(
                EnumSet.of(Binary.MARIADBD, Binary.MARIADB_INSTALL_DB, Binary.MARIADB_CLIENT, Binary.SETSID));

        assertThat(binaries.path(Binary.MARIADBD)).isEqualTo(Path.of("/usr/bin/mysqld"));
        assertThat(binaries.path(Binary.MARIADB_CLIENT)).isEqualTo(Path.of("/usr/bin/mysql"));
    }

    @Test
    void installsMissingPackagesWithOneUpdateAndOneInstallWhenRootOnDebian() {
        FakeHost host = new FakeHost().withExecutable("setsid").asRoot(true).withApt(true);
        host.onRun(command -> {
            if (command.contains("install")) {
                List.of("redis-server", "mariadbd", "mariadb-install-db", "mariadb").forEach(host::withExecutable);
            }
        });

        Binaries binaries = installer(host).ensure(REDIS_AND_MARIADB);

        assertThat(host.commands()).containsExactly(
                List.of("apt-get", "update", "-o", "DPkg::Lock::Timeout=300"),
                List.of("apt-get", "install", "-y", "--no-install-recommends", "-o", "DPkg::Lock::Timeout=300",
                        "mariadb-client", "mariadb-server", "redis-server"));
        assertThat(host.environments()).allMatch(env -> env.equals(Map.of("DEBIAN_FRONTEND", "noninteractive")));
        assertThat(binaries.path(Binary.REDIS_SERVER)).isEqualTo(Path.of("/usr/bin/redis-server"));
    }

    @Test
    void tellsWhatToInstallWhenNotRoot() {
        FakeHost host = new FakeHost().withExecutable("setsid").asRoot(false).withApt(true);

        assertThatThrownBy(() -> installer(host).ensure(EnumSet.of(Binary.REDIS_SERVER, Binary.SETSID)))
                .isInstanceOf(LocalStackException.class)
                .hasMessageStartingWith("missing programs: redis-server; "
                        + "install them with: sudo apt-get install -y redis-server");
        assertThat(host.commands()).isEmpty();
    }

    @Test
    void tellsWhatToInstallWithoutApt() {
        FakeHost host = new FakeHost().asRoot(true).withApt(false);

        assertThatThrownBy(() -> installer(host).ensure(REDIS_AND_MARIADB))
                .isInstanceOf(LocalStackException.class)
                .hasMessageContaining("missing programs: redis-server, mariadbd, mariadb-install-db, mariadb, setsid")
                .hasMessageContaining("sudo apt-get install -y mariadb-client mariadb-server redis-server util-linux")
                .hasMessageContaining("on other systems");
        assertThat(host.commands()).isEmpty();
    }

    @Test
    void failsWhenAnInstallDidNotProvideTheProgram() {
        FakeHost host = new FakeHost().withExecutable("setsid").asRoot(true).withApt(true);

        assertThatThrownBy(() -> installer(host).ensure(EnumSet.of(Binary.REDIS_SERVER)))
                .isInstanceOf(LocalStackException.class)
                .hasMessageStartingWith("apt-get installed [redis-server] but [redis-server] still cannot be found");
        assertThat(host.commands()).hasSize(2);
    }

    @Test
    void planPacksProgramsOfOnePackageIntoOnePackage() {
        InstallPlan plan = InstallPlan.decide(
                EnumSet.of(Binary.MARIADBD, Binary.MARIADB_INSTALL_DB), true, true);

        assertThat(plan.action()).isEqualTo(InstallPlan.Action.APT_INSTALL);
        assertThat(plan.packages()).containsExactly("mariadb-server");
    }

    @Test
    void planDoesNothingWhenNothingIsMissing() {
        assertThat(InstallPlan.decide(Set.of(), false, false).action()).isEqualTo(InstallPlan.Action.NONE);
    }

    private static FakeHost allInstalled() {
        FakeHost host = new FakeHost();
        for (Binary binary : Binary.values()) {
            host.withExecutable(binary.names().getFirst());
        }
        return host;
    }

    private static PackageInstaller installer(FakeHost host) {
        return new PackageInstaller(host, Path.of("/tmp/not-written.log"));
    }
}
