package org.mailtrail.config.graph;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The OAuth scopes for a connection's Graph. The resource is Graph's host in the national clouds; any other
 * host (an emulator, a proxy) stands in for the global Graph and gets its scopes.
 */
public final class GraphScopes {

    private static final Set<String> NATIONAL_GRAPH_HOSTS = Set.of("graph.microsoft.com", "graph.microsoft.us",
            "dod-graph.microsoft.us", "microsoftgraph.chinacloudapi.cn");
    private static final String GLOBAL = "https://graph.microsoft.com";

    /**
     * The client-credentials scope for Exchange Online's IMAP (and POP and SMTP): a token for it signs in by SASL
     * XOAUTH2 when the app holds the application permission IMAP.AccessAsApp.
     */
    public static final String EXCHANGE_ONLINE_IMAP = "https://outlook.office365.com/.default";

    /** Identity scopes that make Entra return a refresh token and the user's name. */
    public static final List<String> SIGN_IN = List.of("offline_access", "openid", "profile");

    public static String resource(URI graphBaseUrl) {
        String host = graphBaseUrl.getHost() == null ? "" : graphBaseUrl.getHost().toLowerCase(Locale.ROOT);
        return NATIONAL_GRAPH_HOSTS.contains(host) ? "https://" + host : GLOBAL;
    }

    /** The client-credentials scope: every application permission granted to the app. */
    public static String application(URI graphBaseUrl) {
        return resource(graphBaseUrl) + "/.default";
    }

    /** The delegated permissions on the connection's Graph, plus the sign-in scopes. */
    public static List<String> delegated(URI graphBaseUrl, List<String> permissions) {
        List<String> scopes = new ArrayList<>();
        permissions.forEach(permission -> scopes.add(resource(graphBaseUrl) + "/" + permission));
        scopes.addAll(SIGN_IN);
        return scopes;
    }

    private GraphScopes() {
    }
}
