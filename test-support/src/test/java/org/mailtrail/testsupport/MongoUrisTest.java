package org.mailtrail.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MongoUrisTest {

    @Test
    void addsTheDatabaseToAnAddressWithoutOne() {
        assertThat(MongoUris.withDatabase("mongodb://db:27017", "it_a")).isEqualTo("mongodb://db:27017/it_a");
    }

    @Test
    void replacesTheDatabaseAndKeepsTheOptions() {
        assertThat(MongoUris.withDatabase("mongodb://h1:27017,h2:27017/old?replicaSet=rs0", "it_a"))
                .isEqualTo("mongodb://h1:27017,h2:27017/it_a?replicaSet=rs0");
    }

    @Test
    void keepsCheckingCredentialsAgainstTheDatabaseTheyWereGivenFor() {
        assertThat(MongoUris.withDatabase("mongodb://u:p@db:27017/admin", "it_a"))
                .isEqualTo("mongodb://u:p@db:27017/it_a?authSource=admin");
        assertThat(MongoUris.withDatabase("mongodb://u:p@db:27017/admin?authSource=users", "it_a"))
                .isEqualTo("mongodb://u:p@db:27017/it_a?authSource=users");
    }

    @Test
    void refusesSomethingThatIsNotAConnectionString() {
        assertThatThrownBy(() -> MongoUris.withDatabase("db:27017", "it_a")).isInstanceOf(IllegalArgumentException.class);
    }
}
