package dev.partnerauth.jdbc;

import java.sql.DatabaseMetaData;
import java.sql.SQLException;

/** The databases whose SQL the JDBC stores speak and whose schema ships in the jar. */
public enum Dialect {
    POSTGRESQL("schema-postgresql.sql"),
    H2("schema-h2.sql"),
    /**
     * MariaDB (10.5 or later) and MySQL (8.0 or later) on InnoDB: one SQL for both, tested on
     * MariaDB 10.11 only.
     */
    MARIADB("schema-mariadb.sql");

    final String schemaResource;

    Dialect(String schemaResource) {
        this.schemaResource = schemaResource;
    }

    /**
     * Tells the dialect from the driver's product name.
     *
     * MariaDB Connector/J reports "MariaDB" on a MariaDB server and "MySQL" on a MySQL one (and
     * older drivers, or MySQL Connector/J, say "MySQL" on MariaDB too): both are {@link #MARIADB}.
     *
     * @throws IllegalArgumentException naming the product when it is none of PostgreSQL, H2,
     *                                  MariaDB and MySQL
     */
    public static Dialect of(DatabaseMetaData metaData) throws SQLException {
        String product = metaData.getDatabaseProductName();
        if ("PostgreSQL".equalsIgnoreCase(product)) {
            return POSTGRESQL;
        }
        if ("H2".equalsIgnoreCase(product)) {
            return H2;
        }
        if ("MariaDB".equalsIgnoreCase(product) || "MySQL".equalsIgnoreCase(product)) {
            return MARIADB;
        }
        throw new IllegalArgumentException("partner-auth has no SQL for the database '" + product
                + "'; supported: PostgreSQL, H2, MariaDB and MySQL");
    }
}
