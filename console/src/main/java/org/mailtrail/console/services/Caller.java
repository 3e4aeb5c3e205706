package org.mailtrail.console.services;

import java.util.Set;

/**
 * The signed-in person as mailtrail sees them: their roles, and the salespeople the directory says they are.
 */
public record Caller(String subject, String name, Set<String> roles, Set<String> salespersonCodes) {

    public static final String SALESPERSON = "salesperson";
    public static final String SALES_MANAGER = "sales-manager";
    public static final String ADMIN = "mailtrail-admin";
    public static final String DIRECTORY_IMPORTER = "directory-importer";

    public Caller {
        roles = roles == null ? Set.of() : Set.copyOf(roles);
        salespersonCodes = salespersonCodes == null ? Set.of() : Set.copyOf(salespersonCodes);
    }

    public boolean isManager() {
        return roles.contains(SALES_MANAGER);
    }

    public boolean readsTheLog() {
        return roles.contains(SALESPERSON) || roles.contains(SALES_MANAGER);
    }

    public boolean isAdmin() {
        return roles.contains(ADMIN);
    }

    public boolean importsTheDirectory() {
        return roles.contains(DIRECTORY_IMPORTER) || roles.contains(ADMIN);
    }
}
