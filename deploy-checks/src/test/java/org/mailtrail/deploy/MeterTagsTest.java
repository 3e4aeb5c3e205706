package org.mailtrail.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How {@link MeterTags} follows a tag value back to what decides it, on a small service of its own. */
class MeterTagsTest {

    @TempDir
    Path root;

    @Test
    void followsLiteralsConditionalsConstantsEnumsStatusesAndParameters() throws IOException {
        write("shop/src/main/java/org/shop/Outcome.java", """
                package org.shop;
                public enum Outcome {
                    /** Paid in full. */
                    PAID,
                    DECLINED
                }
                """);
        write("shop/src/main/java/org/shop/Payments.java", """
                package org.shop;
                class Payments {
                    static final String QUEUE = "mailtrail.payments.queued";
                    private static final String CARD = "card";
                    void paid(boolean online, Outcome outcome, int status) {
                        Counter.builder("mailtrail.payments.done").tag("channel", online ? "online" : CARD)
                                .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                                .tag("status", Integer.toString(status)).register(meters).increment();
                        Counter.builder(QUEUE).tag("queue", queue(online)).register(meters);
                        meters.counter("mailtrail.payments.refunded", "reason", reason);
                    }
                    void retried(String cause, String shop) {
                        Counter.builder("mailtrail.payments.retried").tag("cause", cause).tag("shop", shop)
                                .register(meters).increment();
                    }
                    void onTimeout() {
                        retried("timeout", shopName);
                    }
                    private String queue(boolean online) {
                        return online ? "fast" : "slow";
                    }
                }
                """);
        write("shop/src/main/java/org/shop/Gateway.java", """
                package org.shop;
                class Gateway {
                    void refused(Payments payments) {
                        payments.retried("refused", "north");
                    }
                }
                """);

        Map<String, Map<String, MeterTags.Values>> tags = MeterTags.registeredIn(root);

        Map<String, MeterTags.Values> done = tags.get("mailtrail_payments_done");
        assertThat(done.get("channel").literals()).containsExactlyInAnyOrder("online", "card");
        assertThat(done.get("outcome").literals()).containsExactlyInAnyOrder("paid", "declined");
        assertThat(done.get("outcome").admits("PAID", false)).isFalse();
        assertThat(done.get("status").admits("503", false)).isTrue();
        assertThat(done.get("status").admits("5..", true)).isTrue();
        assertThat(done.get("status").admits("paid", false)).isFalse();
        assertThat(done.get("status").admits("5030", false)).as("not an HTTP status").isFalse();
        assertThat(tags.get("mailtrail_payments_queued").get("queue").literals()).containsExactlyInAnyOrder("fast", "slow");
        MeterTags.Values cause = tags.get("mailtrail_payments_retried").get("cause");
        assertThat(cause.literals()).containsExactlyInAnyOrder("timeout", "refused");
        assertThat(cause.open()).isFalse();
        assertThat(cause.admits("timeout|refused", true)).isTrue();
        assertThat(cause.admits("timeout|crashed", true)).isFalse();
        MeterTags.Values shop = tags.get("mailtrail_payments_retried").get("shop");
        assertThat(shop.open()).as("one call passes a field read at run time").isTrue();
        assertThat(shop.admits("north", false)).isTrue();
        assertThat(shop.admits("south", false)).as("not a literal anywhere in the module").isFalse();
        assertThat(tags.get("mailtrail_payments_refunded").get("reason").open()).isTrue();
    }

    private void write(String path, String java) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, java);
    }
}
