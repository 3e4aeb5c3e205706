package org.mailtrail.console.services;

import java.time.Duration;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.http.MediaType;

/** interaction-matcher: the directory's counts and its imports of contacts and salespeople. */
public class Directory {

    /** What the matcher's CSV imports are sent as. */
    public static final MediaType CSV = MediaType.parseMediaType("text/csv");

    /**
     * An import of the largest file the console takes (100,000 rows) keeps the matcher busy for longer than a page
     * waits; cut off earlier, the page would say the matcher does not answer while it goes on importing.
     */
    static final Duration IMPORT_TIMEOUT = Duration.ofMinutes(3);

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final ServiceClients.ServiceClient client;
    private final ServiceClients.ServiceClient imports;

    Directory(ServiceClients.ServiceClient client) {
        this.client = client;
        this.imports = new ServiceClients.ServiceClient(client.service(), client.rest().mutate()
                .requestFactory(ClientHttpRequestFactoryBuilder.jdk().build(HttpClientSettings.defaults()
                        .withConnectTimeout(CONNECT_TIMEOUT).withReadTimeout(IMPORT_TIMEOUT)
                        .withRedirects(HttpRedirects.DONT_FOLLOW)))
                .build());
    }

    /** How many contacts, salespeople and addresses the matcher knows. */
    public DirectoryCounts counts() {
        return client.call(rest -> rest.get().uri("/api/directory").retrieve().body(DirectoryCounts.class));
    }

    /** Upserts the contacts of a CSV file (UTF-8, with a header row); the report names each refused row's line. */
    public ImportReport importContacts(byte[] csv) {
        return importCsv("/api/directory/contacts", csv);
    }

    /** Upserts the salespeople of a CSV file (UTF-8, with a header row). */
    public ImportReport importSalespeople(byte[] csv) {
        return importCsv("/api/directory/salespeople", csv);
    }

    private ImportReport importCsv(String path, byte[] csv) {
        return imports.call(rest -> rest.put().uri(path).contentType(CSV).body(csv).retrieve()
                .body(ImportReport.class));
    }
}
