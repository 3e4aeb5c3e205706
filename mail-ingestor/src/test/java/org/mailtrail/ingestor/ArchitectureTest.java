package org.mailtrail.ingestor;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.mailtrail.testsupport.architecture.ServiceLayout;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

class ArchitectureTest {

    private static final String BASE = "org.mailtrail.ingestor";

    @TestFactory
    Stream<DynamicTest> layout() {
        return ServiceLayout.of(BASE).check();
    }

    /**
     * The features read top-down, webhook → subscription → sync / disposition / link → connection / graph, with
     * the worker threads beneath them all and no arrow back up. IMAP, the second source of mail, sits on top beside
     * the webhook: it uses sync's publisher, the disposition executor's contract and the link source's, and nothing
     * below knows it.
     */
    @Test
    void featuresDependOnlyOnFeaturesBelowThem() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("webhook").definedBy(BASE + ".webhook..")
                .layer("imap").definedBy(BASE + ".imap..")
                .layer("subscription").definedBy(BASE + ".subscription..")
                .layer("sync").definedBy(BASE + ".sync..")
                .layer("disposition").definedBy(BASE + ".disposition..")
                .layer("link").definedBy(BASE + ".link..")
                .layer("connection").definedBy(BASE + ".connection..")
                .layer("graph").definedBy(BASE + ".graph..")
                .layer("work").definedBy(BASE + ".work..")
                .whereLayer("webhook").mayNotBeAccessedByAnyLayer()
                .whereLayer("imap").mayNotBeAccessedByAnyLayer()
                .whereLayer("subscription").mayOnlyBeAccessedByLayers("webhook")
                .whereLayer("sync").mayOnlyBeAccessedByLayers("webhook", "subscription", "imap")
                .whereLayer("disposition").mayOnlyBeAccessedByLayers("webhook", "subscription", "imap")
                .whereLayer("link").mayOnlyBeAccessedByLayers("webhook", "subscription", "imap")
                .whereLayer("connection").mayOnlyBeAccessedByLayers("webhook", "subscription", "sync", "disposition",
                        "link", "imap")
                .whereLayer("graph").mayOnlyBeAccessedByLayers("webhook", "subscription", "sync", "disposition",
                        "link")
                .whereLayer("work").mayOnlyBeAccessedByLayers("webhook", "subscription", "sync", "disposition", "link",
                        "connection", "graph", "imap")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages(BASE));
    }
}
