package dev.partnerauth.jdbc;

import java.sql.DatabaseMetaData;
import java.sql.SQLException;

/** The databases whose SQL the JDBC stores speak and whose schema ships in the jar. */
public enum Dialect {
    POSTGRESQL("schema-postgresql.sql"),
    H2("schema-h2.sql");

    final String schemaResource;

    Dialect(String schemaResource) {
        this.schemaResource = schemaResource;
    }

    /**
     * Tells the dialect from the driver's product name.
     *
     * @throws IllegalArgumentException naming the product when it is neither PostgreSQL nor H2
     */
    public static Dialect of(DatabaseMetaData metaData) throws SQLException {
        String product = metaData.getDatabaseProductName();
        if ("PostgreSQL".equalsIgnoreCase(product)) {
            return POSTGRESQL;
        }
        if ("H2".equalsIgnoreCase(product)) {
            return H2;
        }
        throw new IllegalArgumentException("partner-auth has no SQL for the database '" + product
                + "'; supported: PostgreSQL and H2");
    }
}
