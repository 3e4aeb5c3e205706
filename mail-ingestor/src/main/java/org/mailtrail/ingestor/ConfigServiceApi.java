package org.mailtrail.ingestor;

import java.net.http.HttpClient;
import java.time.Duration;

import org.mailtrail.platform.security.ServiceTokens;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * config-service's internal API as the ingestor calls it for Graph access tokens and IMAP credentials: with its
 * client-credentials token granted {@code connections.token}, and bounded connect and read times.
 */
public final class ConfigServiceApi {

    /** The permission config-service asks of a caller of its internal API. */
    public static final String TOKEN_PERMISSION = "connections.token";

    private ConfigServiceApi() {
    }

    public static RestClient client(IngestorProperties properties, ServiceTokens serviceTokens) {
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
        requests.setReadTimeout(Duration.ofSeconds(15));
        return RestClient.builder()
                .baseUrl(properties.configServiceUrl().toString())
                .requestFactory(requests)
                .requestInterceptor(serviceTokens.interceptor(TOKEN_PERMISSION))
                .build();
    }
}
