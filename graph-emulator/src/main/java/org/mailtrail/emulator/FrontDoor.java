package org.mailtrail.emulator;

import java.util.List;
import java.util.Optional;

import org.mailtrail.emulator.control.ControlApi;
import org.mailtrail.emulator.graph.GraphGateway;
import org.mailtrail.emulator.http.ApiRequest;
import org.mailtrail.emulator.http.ApiResponse;
import org.mailtrail.emulator.http.Json;
import org.mailtrail.emulator.http.ODataPath;
import org.mailtrail.emulator.identity.EntraEndpoints;
import org.mailtrail.emulator.metrics.Counters;

import tools.jackson.databind.node.ObjectNode;

/** Sends each request arriving on the one port to Graph, Entra or the control API by its path. */
final class FrontDoor {

    private final GraphGateway graph;
    private final EntraEndpoints entra;
    private final ControlApi control;
    private final Counters counters;

    FrontDoor(GraphGateway graph, EntraEndpoints entra, ControlApi control, Counters counters) {
        this.graph = graph;
        this.entra = entra;
        this.control = control;
        this.counters = counters;
    }

    ApiResponse dispatch(ApiRequest request) {
        String path = request.rawPath();
        if (path.equals("/v1.0") || path.startsWith("/v1.0/")) {
            return graph.handle(request);
        }
        if (path.equals("/emulator") || path.startsWith("/emulator/")) {
            return control.handle(request);
        }
        List<String> segments = ODataPath.segments(path);
        Optional<ApiResponse> entraResponse = entra.handle(request, segments);
        if (entraResponse.isPresent()) {
            counters.request("entra." + segments.get(segments.size() - 1), entraResponse.get().status());
            return entraResponse.get();
        }
        ObjectNode error = Json.object();
        ObjectNode body = error.putObject("error");
        body.put("code", "NotFound");
        body.put("message", path.startsWith("/beta") ? "graph-emulator serves Graph v1.0 only."
                : "graph-emulator serves /v1.0 (Graph), /{tenant}/oauth2/v2.0/token|authorize (Entra) and /emulator (control); not " + path + ".");
        return ApiResponse.plainJson(404, error);
    }
}
