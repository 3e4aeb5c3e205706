package org.mailtrail.platform.security;

import java.util.List;

/** The roles mailtrail's tokens carry, in the issuer's roles claim (Entra: app roles of mailtrail's app). */
public final class Roles {

    /** Reads its own interactions, its contacts' timelines and its opportunities; promotes its own interactions. */
    public static final String SALESPERSON = "salesperson";
    /** What a salesperson may, for every salesperson. */
    public static final String SALES_MANAGER = "sales-manager";
    /** Imports contacts and salespeople. */
    public static final String DIRECTORY_IMPORTER = "directory-importer";
    /** Connections, checks, secrets, audit, ledger, directory, the issuer's keys. */
    public static final String ADMIN = "mailtrail-admin";
    /** Another mailtrail service, limited further by the scopes its token was granted. */
    public static final String SERVICE = "mailtrail-service";

    public static final List<String> ALL = List.of(SALESPERSON, SALES_MANAGER, DIRECTORY_IMPORTER, ADMIN, SERVICE);

    private Roles() {
    }
}
