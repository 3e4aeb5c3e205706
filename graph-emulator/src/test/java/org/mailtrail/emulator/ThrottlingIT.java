package org.mailtrail.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailtrail.emulator.Fixtures.CLIENT_ID;
import static org.mailtrail.emulator.Fixtures.SECRET;
import static org.mailtrail.emulator.Fixtures.TENANT;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mailtrail.emulator.faults.Fault;
import org.mailtrail.emulator.junit.GraphEmulatorExtension;
import org.mailtrail.emulator.metrics.RequestRecord;
import org.mailtrail.emulator.throttling.ThrottlePolicy;

import com.azure.core.credential.TokenRequestContext;
import com.microsoft.graph.core.content.BatchRequestContent;
import com.microsoft.graph.core.content.BatchResponseContent;
import com.microsoft.graph.models.MailFolder;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.kiota.ApiException;
import com.microsoft.kiota.http.middleware.options.RetryHandlerOption;

import okhttp3.Response;

class ThrottlingIT {

    @RegisterExtension
    static final GraphEmulatorExtension graph = GraphEmulatorExtension.of(Fixtures.standard());

    private GraphServiceClient client;
    private String mailbox;

    @BeforeEach
    void setUp() {
        client = Clients.graph(graph.emulator(), Clients.credential(graph.emulator(), TENANT, CLIENT_ID, SECRET));
        mailbox = Fixtures.newMailbox(graph.emulator(), "throttled");
    }

    @AfterEach
    void restore() {
        graph.emulator().clearFaults();
        graph.emulator().throttling(ThrottlePolicy.GRAPH_DEFAULTS);
    }

    private List<RequestRecord> log() {
        return graph.emulator().requestLog().stream().filter(r -> mailbox.equals(r.mailbox())).toList();
    }

    private static RetryHandlerOption noRetries() {
        return new RetryHandlerOption((delay, attempt, request, response) -> false, 0, 0);
    }

    private MailFolder inbox() {
        return client.users().byUserId(mailbox).mailFolders().byMailFolderId("inbox").get();
    }

    private int inboxStatusWithoutRetries() {
        try {
            client.users().byUserId(mailbox).mailFolders().byMailFolderId("inbox").get(c -> c.options.add(noRetries()));
            return 200;
        } catch (ApiException e) {
            return e.getResponseStatusCode();
        }
    }

    @Test
    void retriesAnInjected429WithRetryAfterOneInTheSdkAndSucceeds() {
        graph.emulator().injectFault(Fault.throttle(1).matching(Pattern.quote(mailbox)));

        assertThat(inbox().getDisplayName()).isEqualTo("Inbox");

        List<RequestRecord> log = log();
        assertThat(log).extracting(RequestRecord::status).containsExactly(429, 200);
        assertThat(log.get(0).retryAfterSeconds()).isEqualTo(1);
        assertThat(Duration.between(log.get(0).answeredAt(), log.get(1).arrivedAt())).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(log).noneMatch(RequestRecord::earlyRetry);
        assertThat(graph.emulator().counters().requests("mailFolders.get", 429)).isPositive();
    }

    @Test
    void retriesAnInjected503InTheSdkAndSucceeds() {
        graph.emulator().injectFault(Fault.unavailable(1).matching(Pattern.quote(mailbox)));

        assertThat(inbox().getDisplayName()).isEqualTo("Inbox");

        assertThat(log()).extracting(RequestRecord::status).containsExactly(503, 200);
    }

    @Test
    void showsAnInner429WithItsOwnRetryAfterInsideABatch() throws Exception {
        graph.emulator().injectFault(Fault.throttle(7).matching(Pattern.quote(mailbox) + "/mailFolders/archive"));
        BatchRequestContent batch = new BatchRequestContent(client);
        String inboxStep = batch.addBatchRequestStep(
                client.users().byUserId(mailbox).mailFolders().byMailFolderId("inbox").toGetRequestInformation());
        String archiveStep = batch.addBatchRequestStep(
                client.users().byUserId(mailbox).mailFolders().byMailFolderId("archive").toGetRequestInformation());

        BatchResponseContent responses = client.getBatchRequestBuilder().post(batch, null);

        try (Response archive = responses.getResponseById(archiveStep)) {
            assertThat(archive.code()).isEqualTo(429);
            assertThat(archive.header("Retry-After")).isEqualTo("7");
        }
        MailFolder inbox = responses.getResponseById(inboxStep, MailFolder::createFromDiscriminatorValue);
        assertThat(inbox.getDisplayName()).isEqualTo("Inbox");
        assertThat(log()).filteredOn(RequestRecord::inBatch).extracting(RequestRecord::status).containsExactlyInAnyOrder(200, 429);
    }

    @Test
    void failsADependentBatchItemWith424WhenItsDependencyFailed() throws Exception {
        BatchRequestContent batch = new BatchRequestContent(client);
        String missing = batch.addBatchRequestStep(
                client.users().byUserId(mailbox).messages().byMessageId("AAMkAGnothere=").toGetRequestInformation());
        String dependent = batch.addBatchRequestStep(
                client.users().byUserId(mailbox).mailFolders().byMailFolderId("inbox").toGetRequestInformation());
        batch.getBatchRequestSteps().get(dependent).addDependsOnId(missing);

        BatchResponseContent responses = client.getBatchRequestBuilder().post(batch, null);

        assertThat(responses.getResponsesStatusCode()).containsEntry(missing, 404).containsEntry(dependent, 424);
    }

    @Test
    void answers429ToRequestsBeyondFourConcurrentOnOneMailboxAndCountsThem() throws Exception {
        assertThat(inbox().getDisplayName()).isEqualTo("Inbox");
        long concurrencyBefore = graph.emulator().counters().throttled().getOrDefault("concurrency", 0L);
        graph.emulator().injectFault(Fault.delay(Duration.ofMillis(1500)).always().matching(Pattern.quote(mailbox)));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Integer> statuses = new ArrayList<>();
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Callable<Integer> call = () -> {
                    start.await();
                    return inboxStatusWithoutRetries();
                };
                calls.add(pool.submit(call));
            }
            start.countDown();
            for (Future<Integer> call : calls) {
                statuses.add(call.get(30, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }

        long throttled = statuses.stream().filter(s -> s == 429).count();
        assertThat(throttled).isPositive();
        assertThat(statuses).containsOnly(200, 429).contains(200);
        assertThat(graph.emulator().counters().throttled().get("concurrency") - concurrencyBefore).isEqualTo(throttled);
        assertThat(log()).filteredOn(r -> r.status() == 429).hasSize((int) throttled)
                .allSatisfy(r -> assertThat(r.retryAfterSeconds()).isEqualTo(1));
        assertThat(maxOverlap(log().stream().filter(r -> r.status() == 200).toList())).isLessThanOrEqualTo(4);
    }

    @Test
    void countsEveryItemOfABatchAgainstTheMailboxBudget() throws Exception {
        graph.emulator().throttling(ThrottlePolicy.GRAPH_DEFAULTS.withBudget(3, Duration.ofMinutes(10)));
        BatchRequestContent batch = new BatchRequestContent(client);
        List<String> steps = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            steps.add(batch.addBatchRequestStep(
                    client.users().byUserId(mailbox).mailFolders().byMailFolderId("inbox").toGetRequestInformation()));
        }

        BatchResponseContent responses = client.getBatchRequestBuilder().post(batch, null);

        assertThat(steps).extracting(step -> responses.getResponsesStatusCode().get(step))
                .containsExactly(200, 200, 200, 429);
        try (Response refused = responses.getResponseById(steps.get(3))) {
            assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(590L, 600L);
            assertThat(refused.header("RateLimit-Exceeded")).isEqualTo("MailboxRequests");
        }
        assertThat(graph.emulator().counters().throttleUnits(mailbox)).isEqualTo(3);
    }

    @Test
    void answers429ToTheParallelItemsOfABatchBeyondTheMailboxesFourConcurrentRequests() throws Exception {
        BatchRequestContent batch = new BatchRequestContent(client);
        List<String> steps = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            steps.add(batch.addBatchRequestStep(
                    client.users().byUserId(mailbox).mailFolders().byMailFolderId("inbox").toGetRequestInformation()));
        }

        BatchResponseContent responses = client.getBatchRequestBuilder().post(batch, null);

        assertThat(steps).extracting(step -> responses.getResponsesStatusCode().get(step))
                .containsExactly(200, 200, 200, 200, 429, 429);
        try (Response refused = responses.getResponseById(steps.get(5))) {
            assertThat(refused.header("Retry-After")).isEqualTo("1");
            assertThat(refused.header("RateLimit-Exceeded")).isEqualTo("MailboxConcurrency");
            assertThat(refused.body().string()).contains("\"code\":\"ApplicationThrottled\"")
                    .contains("Application is over its MailboxConcurrency limit.");
        }
    }

    @Test
    void runsAFullySequentialBatchOfTwentyOneItemAtATime() throws Exception {
        BatchRequestContent batch = new BatchRequestContent(client);
        List<String> steps = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            steps.add(batch.addBatchRequestStep(
                    client.users().byUserId(mailbox).mailFolders().byMailFolderId("inbox").toGetRequestInformation()));
            if (i > 0) {
                batch.getBatchRequestSteps().get(steps.get(i)).addDependsOnId(steps.get(i - 1));
            }
        }

        BatchResponseContent responses = client.getBatchRequestBuilder().post(batch, null);

        assertThat(steps).extracting(step -> responses.getResponsesStatusCode().get(step)).containsOnly(200);
        assertThat(maxOverlap(log().stream().filter(RequestRecord::inBatch).toList())).isEqualTo(1);
    }

    @Test
    void answersTheItemsOfABatchInNoParticularOrder() throws Exception {
        String token = token();
        StringBuilder requests = new StringBuilder();
        for (int i = 1; i <= 20; i++) {
            requests.append(i == 1 ? "" : ",").append("{\"id\":\"").append(i).append("\",")
                    .append(i == 1 ? "" : "\"dependsOn\":[\"" + (i - 1) + "\"],")
                    .append("\"method\":\"GET\",\"url\":\"/users/").append(mailbox).append("/mailFolders/inbox\"}");
        }

        HttpResponse<String> response = postBatch(token, "{\"requests\":[" + requests + "]}");

        assertThat(response.statusCode()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        Pattern.compile("\"id\":\"(\\d+)\"").matcher(response.body()).results().forEach(m -> ids.add(m.group(1)));
        List<String> requestOrder = IntStream.rangeClosed(1, 20).mapToObj(Integer::toString).toList();
        assertThat(ids).containsExactlyInAnyOrderElementsOf(requestOrder);
        assertThat(ids).as("answers in request order").isNotEqualTo(requestOrder);
    }

    @Test
    void refusesABatchWhoseItemsWaitForAWholeEarlierWave() throws Exception {
        // The shape mail-ingestor once sent: items 5..8 each depend on all of items 1..4.
        StringBuilder requests = new StringBuilder();
        for (int i = 1; i <= 8; i++) {
            requests.append(i == 1 ? "" : ",").append("{\"id\":\"").append(i).append("\",")
                    .append(i <= 4 ? "" : "\"dependsOn\":[\"1\",\"2\",\"3\",\"4\"],")
                    .append("\"method\":\"GET\",\"url\":\"/users/").append(mailbox).append("/mailFolders/inbox\"}");
        }

        HttpResponse<String> response = postBatch(token(), "{\"requests\":[" + requests + "]}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("Batch should be either fully sequential or fully parallel.");
        assertThat(log()).as("no item was run").noneMatch(RequestRecord::inBatch);
    }

    @Test
    void refusesABatchWhereOnlySomeItemsDependOnTheOneBefore() throws Exception {
        String inbox = "\"method\":\"GET\",\"url\":\"/users/" + mailbox + "/mailFolders/inbox\"";
        HttpResponse<String> response = postBatch(token(), "{\"requests\":[{\"id\":\"1\"," + inbox
                + "},{\"id\":\"2\",\"dependsOn\":[\"1\"]," + inbox + "},{\"id\":\"3\"," + inbox + "}]}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("Batch should be either fully sequential or fully parallel.");
    }

    @Test
    void refusesABatchItemWithABodyButNoContentType() throws Exception {
        HttpResponse<String> response = postBatch(token(), "{\"requests\":[{\"id\":\"1\",\"method\":\"POST\","
                + "\"url\":\"/users/" + mailbox + "/mailFolders/inbox/childFolders\",\"body\":{\"displayName\":\"X\"}}]}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("Write request id : 1 does not contain Content-Type header or body.");
    }

    @Test
    void flagsARequestThatArrivesBeforeItsRetryAfterElapsed() {
        graph.emulator().injectFault(Fault.throttle(30).matching(Pattern.quote(mailbox)));
        long before = graph.emulator().earlyRetries();

        assertThat(inboxStatusWithoutRetries()).isEqualTo(429);
        assertThat(inboxStatusWithoutRetries()).isEqualTo(200);

        assertThat(graph.emulator().earlyRetries()).isEqualTo(before + 1);
        assertThat(log()).extracting(RequestRecord::earlyRetry).containsExactly(false, true);
    }

    @Test
    void countsAnEarlyRequestAgainstItsOwnMailboxOnlyAndSaysWhichAnswerItDidNotWaitOut() {
        String other = Fixtures.newMailbox(graph.emulator(), "unthrottled");
        graph.emulator().injectFault(Fault.throttle(30).matching(Pattern.quote(mailbox)));
        long othersBefore = graph.emulator().earlyRetries(List.of(other));

        assertThat(inboxStatusWithoutRetries()).isEqualTo(429);
        assertThat(inboxStatusWithoutRetries()).isEqualTo(200);

        assertThat(graph.emulator().earlyRetries(List.of(mailbox))).isEqualTo(1);
        assertThat(graph.emulator().earlyRetries(List.of(other))).as("another mailbox's count").isEqualTo(othersBefore);
        assertThat(graph.emulator().earlyRequests()).filteredOn(r -> mailbox.equals(r.mailbox())).singleElement()
                .satisfies(early -> {
                    assertThat(early.early().byMillis()).isBetween(1L, 30_000L);
                    assertThat(early.early().askedBy().operation()).isEqualTo("mailFolders.get");
                    assertThat(early.early().askedBy().path()).contains(mailbox).endsWith("/mailFolders/inbox");
                });
    }

    @Test
    void holdsAResponseForTheInjectedDelay() {
        graph.emulator().injectFault(Fault.delay(Duration.ofMillis(300)).matching(Pattern.quote(mailbox)));

        inbox();

        assertThat(log()).singleElement().satisfies(r -> assertThat(r.durationMillis()).isGreaterThanOrEqualTo(300));
    }

    @Test
    void refusesABatchOfMoreThanTwentyRequests() throws Exception {
        StringBuilder requests = new StringBuilder();
        for (int i = 1; i <= 21; i++) {
            requests.append(i == 1 ? "" : ",").append("{\"id\":\"").append(i)
                    .append("\",\"method\":\"GET\",\"url\":\"/users/").append(mailbox).append("/mailFolders/inbox\"}");
        }
        HttpResponse<String> response = postBatch(token(), "{\"requests\":[" + requests + "]}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"code\":\"BadRequest\"").contains("limit of 20");
    }

    private String token() {
        return Clients.credential(graph.emulator(), TENANT, CLIENT_ID, SECRET)
                .getTokenSync(new TokenRequestContext().addScopes(Clients.GRAPH_SCOPE)).getToken();
    }

    private HttpResponse<String> postBatch(String token, String body) throws Exception {
        return Clients.plainHttp(graph.emulator()).send(
                HttpRequest.newBuilder(URI.create(graph.emulator().graphBaseUrl() + "/$batch"))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The most requests that were being served at the same moment. */
    private static int maxOverlap(List<RequestRecord> records) {
        int max = 0;
        for (RequestRecord record : records) {
            var at = record.arrivedAt();
            int overlapping = (int) records.stream()
                    .filter(other -> !other.arrivedAt().isAfter(at) && other.answeredAt().isAfter(at))
                    .count();
            max = Math.max(max, overlapping);
        }
        return max;
    }
}
