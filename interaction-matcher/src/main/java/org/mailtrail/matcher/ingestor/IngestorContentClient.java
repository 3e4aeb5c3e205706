package org.mailtrail.matcher.ingestor;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.time.Duration;

import org.mailtrail.matcher.MatcherProperties;
import org.mailtrail.platform.security.ServiceTokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.util.DefaultUriBuilderFactory;
import org.springframework.web.util.DefaultUriBuilderFactory.EncodingMode;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Asks mail-ingestor for an IMAP mail's content: {@code GET {ingestor}/internal/messages/{connectionId}/
 * {immutableId}/content}, with a client-credentials token granted {@code messages.read}. Unlike a link, there is
 * nothing to fall back on: every failure becomes a problem that says whose it is (the mail unknown, too large, its
 * server unreachable, or the ingestor itself failing). The answer is read up to {@code mailtrail.matcher.max-message-
 * size} and no further.
 */
@Component
public class IngestorContentClient {

    private static final Logger log = LoggerFactory.getLogger(IngestorContentClient.class);

    /** The permission mail-ingestor asks of a caller's client-credentials token for a mail's content. */
    static final String READ_PERMISSION = "messages.read";
    /** A problem's body is a few hundred bytes; more is not read. */
    private static final int MAX_PROBLEM_BYTES = 16 * 1024;

    private final RestClient client;
    private final JsonMapper json;
    private final int maxBytes;
    private final Duration timeout;

    @Autowired
    public IngestorContentClient(MatcherProperties properties, ServiceTokens tokens, JsonMapper json) {
        this(properties.ingestorUrl().toString(), properties.messageTimeout(),
                (int) properties.maxMessageSize().toBytes(), tokens.interceptor(READ_PERMISSION), json);
    }

    IngestorContentClient(String baseUrl, Duration timeout, int maxBytes, ClientHttpRequestInterceptor authorization,
            JsonMapper json) {
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(timeout).build());
        requests.setReadTimeout(timeout);
        DefaultUriBuilderFactory uris = new DefaultUriBuilderFactory(baseUrl);
        // Ids are opaque and may hold '/', '+' or '=': encode them as values, not as path structure.
        uris.setEncodingMode(EncodingMode.VALUES_ONLY);
        this.client = RestClient.builder().requestFactory(requests).uriBuilderFactory(uris)
                .requestInterceptor(authorization).build();
        this.json = json;
        this.maxBytes = maxBytes;
        this.timeout = timeout;
    }

    /**
     * The mail's content.
     *
     * @throws MailContentException when it cannot be had, typed by whose failure it is
     */
    public MailContent content(String connectionId, String immutableId) {
        try {
            return client.get()
                    .uri("/internal/messages/{connectionId}/{immutableId}/content", connectionId, immutableId)
                    .accept(MediaType.APPLICATION_JSON)
                    .exchange((request, response) -> read(response), true);
        } catch (RestClientException e) {
            log.warn("mail-ingestor gave no content of {} in {}: {}", immutableId, connectionId, e.getMessage());
            throw MailContentException.ingestorFailed("mail-ingestor did not answer (waited at most " + timeout
                    + ")", e);
        } catch (OAuth2AuthorizationException e) {
            log.warn("No token granted {} to ask mail-ingestor for a mail: {}", READ_PERMISSION, e.getMessage());
            throw MailContentException.ingestorFailed("this service was granted no token to ask mail-ingestor for the "
                    + "mail: " + e.getError().getErrorCode(), e);
        }
    }

    private MailContent read(ClientHttpResponse response) throws IOException {
        int status = response.getStatusCode().value();
        if (status == 200) {
            byte[] body = bounded(response, maxBytes + 1);
            if (body.length > maxBytes) {
                throw MailContentException.tooLarge("the mail's content is larger than the " + maxBytes
                        + " bytes this service passes on");
            }
            try {
                MailContent content = json.readValue(body, MailContent.class);
                if (content == null) {
                    throw MailContentException.ingestorFailed("mail-ingestor answered no content", null);
                }
                return content;
            } catch (JacksonException e) {
                throw MailContentException.ingestorFailed("mail-ingestor's answer is no mail content: "
                        + e.getOriginalMessage(), e);
            }
        }
        String detail = detail(bounded(response, MAX_PROBLEM_BYTES));
        throw switch (status) {
            case 404 -> MailContentException.notFound(detail != null ? detail : "mail-ingestor knows no such mail");
            case 413, 422 -> MailContentException.tooLarge(detail != null ? detail : "the mail is too large to show");
            case 503, 504 -> MailContentException.serverUnavailable(detail != null ? detail
                    : "the mail server does not answer");
            default -> {
                log.warn("mail-ingestor answered {} for a mail's content: {}", status, detail);
                yield MailContentException.ingestorFailed("mail-ingestor answered " + status
                        + (detail != null ? ": " + detail : ""), null);
            }
        };
    }

    private static byte[] bounded(ClientHttpResponse response, int limit) throws IOException {
        try (InputStream in = response.getBody()) {
            return in.readNBytes(limit);
        }
    }

    /** The problem's detail (else its title), or nothing when the body is no problem. */
    private String detail(byte[] body) {
        try {
            JsonNode problem = json.readTree(body);
            String detail = problem.path("detail").asString(null);
            return detail != null ? detail : problem.path("title").asString(null);
        } catch (JacksonException notJson) {
            return null;
        }
    }
}
