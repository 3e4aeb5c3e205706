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
     * the worker threads beneath them all and no arrow back up; a new source of mail slots in beside graph.
     */
    @Test
    void featuresDependOnlyOnFeaturesBelowThem() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("webhook").definedBy(BASE + ".webhook..")
                .layer("subscription").definedBy(BASE + ".subscription..")
                .layer("sync").definedBy(BASE + ".sync..")
                .layer("disposition").definedBy(BASE + ".disposition..")
                .layer("link").definedBy(BASE + ".link..")
                .layer("connection").definedBy(BASE + ".connection..")
                .layer("graph").definedBy(BASE + ".graph..")
                .layer("work").definedBy(BASE + ".work..")
                .whereLayer("webhook").mayNotBeAccessedByAnyLayer()
                .whereLayer("subscription").mayOnlyBeAccessedByLayers("webhook")
                .whereLayer("sync").mayOnlyBeAccessedByLayers("webhook", "subscription")
                .whereLayer("disposition").mayOnlyBeAccessedByLayers("webhook", "subscription")
                .whereLayer("link").mayOnlyBeAccessedByLayers("webhook", "subscription")
                .whereLayer("connection").mayOnlyBeAccessedByLayers("webhook", "subscription", "sync", "disposition",
                        "link")
                .whereLayer("graph").mayOnlyBeAccessedByLayers("webhook", "subscription", "sync", "disposition",
                        "link")
                .whereLayer("work").mayOnlyBeAccessedByLayers("webhook", "subscription", "sync", "disposition", "link",
                        "connection", "graph")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages(BASE));
    }
}
