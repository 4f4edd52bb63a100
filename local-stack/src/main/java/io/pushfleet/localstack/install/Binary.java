package io.pushfleet.localstack.install;

import java.util.List;

/** A program the local stack runs, the names it goes by, and the Debian package that provides it. */
public enum Binary {
    REDIS_SERVER("redis-server", "redis-server"),
    MARIADBD("mariadb-server", "mariadbd", "mysqld"),
    MARIADB_INSTALL_DB("mariadb-server", "mariadb-install-db", "mysql_install_db"),
    MARIADB_CLIENT("mariadb-client", "mariadb", "mysql"),
    SETSID("util-linux", "setsid");

    private final String debianPackage;
    private final List<String> names;

    Binary(String debianPackage, String... names) {
        this.debianPackage = debianPackage;
        this.names = List.of(names);
    }

    /** The Debian package that installs this program. */
    public String debianPackage() {
        return debianPackage;
    }

    /** Executable names to look for, preferred first (older MariaDB packages only have the mysql names). */
    public List<String> names() {
        return names;
    }

    @Override
    public String toString() {
        return names.getFirst();
    }
}
