package dev.partnerauth.demo.cpq;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/**
 * The table options that make a demo table compare opportunity and quote ids exactly: on MariaDB
 * and MySQL, whose default collations ignore case (Salesforce's 15-character ids do not, so
 * {@code 006ABC} and {@code 006abc} are two opportunities), {@code utf8mb4_bin}; nothing elsewhere.
 */
final class ExactIds {
    private ExactIds() {
    }

    static String tableOptions(Connection c) throws SQLException {
        String product = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        return product.contains("mariadb") || product.contains("mysql") ? " DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin" : "";
    }
}
