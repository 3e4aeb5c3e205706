package org.mailtrail.config.graph;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The hosts config-service sends a connection's credentials to (its {@code authorityHost}) and calls Graph at (its
 * {@code graphBaseUrl}): Microsoft Entra ID and Microsoft Graph of the global service and the national clouds,
 * over https on the standard port, and whatever hosts the operator allows besides ({@code host} or
 * {@code host:port}, e.g. the emulator of a local run). Anything else would let whoever may edit a connection
 * have its client secret sent to a host of their choosing.
 */
public final class GraphHosts {

    /** Microsoft Entra ID's token service: global, US Government, China (21Vianet). */
    public static final List<String> ENTRA = List.of("login.microsoftonline.com", "login.microsoftonline.us",
            "login.chinacloudapi.cn");
    /** Microsoft Graph: global, US Government L4 and L5 (DoD), China (21Vianet). */
    public static final List<String> GRAPH = List.of("graph.microsoft.com", "graph.microsoft.us",
            "dod-graph.microsoft.us", "microsoftgraph.chinacloudapi.cn");

    private final Set<String> allowed;

    /** @param allowed further hosts, as {@code host} (https's standard port) or {@code host:port} */
    public GraphHosts(List<String> allowed) {
        this.allowed = allowed.stream().map(String::trim).filter(entry -> !entry.isEmpty())
                .map(entry -> entry.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    /** Why a connection's {@code authorityHost} and {@code graphBaseUrl} may not be used, by field; empty when they may. */
    public Map<String, String> refusals(URI authorityHost, URI graphBaseUrl) {
        Map<String, String> refused = new LinkedHashMap<>();
        authorityRefusal(authorityHost).ifPresent(reason -> refused.put("authorityHost", reason));
        graphRefusal(graphBaseUrl).ifPresent(reason -> refused.put("graphBaseUrl", reason));
        return refused;
    }

    /** Why {@code authorityHost} may not be used, or empty when it may. */
    public Optional<String> authorityRefusal(URI authorityHost) {
        return refusal(authorityHost, ENTRA, "an Entra ID host");
    }

    /** Why {@code graphBaseUrl} may not be used, or empty when it may. */
    public Optional<String> graphRefusal(URI graphBaseUrl) {
        return refusal(graphBaseUrl, GRAPH, "a Microsoft Graph host");
    }

    private Optional<String> refusal(URI uri, List<String> cloud, String what) {
        if (uri == null) {
            return Optional.empty();
        }
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        boolean https = "https".equalsIgnoreCase(uri.getScheme());
        boolean standardPort = uri.getPort() == -1 || uri.getPort() == 443;
        if (https && standardPort && (cloud.contains(host) || allowed.contains(host))) {
            return Optional.empty();
        }
        if (https && uri.getPort() != -1 && allowed.contains(host + ":" + uri.getPort())) {
            return Optional.empty();
        }
        return Optional.of("must be " + what + " of a Microsoft cloud (" + String.join(", ", cloud)
                + ") over https, or a host allowed by MAILTRAIL_GRAPH_ALLOWED_HOSTS");
    }
}
