package org.mailtrail.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DatabaseNameTest {

    @Test
    void namesTheDatabaseAfterTheTestClass() {
        assertThat(IntegrationTestContextCustomizerFactory.databaseName(DatabaseNameTest.class))
                .isEqualTo("it_databasenametest");
    }

    @Test
    void givesNestedClassesTheDatabaseOfTheirOutermostClass() {
        assertThat(IntegrationTestContextCustomizerFactory.databaseName(Inner.class)).isEqualTo("it_databasenametest");
    }

    @Test
    void keepsLongNamesWithinMongosLimit() {
        String name = IntegrationTestContextCustomizerFactory
                .databaseName(AClassWhoseNameIsMuchTooLongToBeADatabaseNameInMongoDbWithoutBeingShortened.class);

        assertThat(name).hasSizeLessThanOrEqualTo(60).startsWith("it_aclasswhosename").matches("[a-z0-9_]+");
    }

    @Nested
    class Inner {
    }
}

class AClassWhoseNameIsMuchTooLongToBeADatabaseNameInMongoDbWithoutBeingShortened {
}
