package org.mailtrail.matcher.log.web;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.mailtrail.events.interaction.Direction;
import org.mailtrail.matcher.log.store.ConversationGroup;
import org.mailtrail.matcher.log.store.InteractionDocument;
import org.mailtrail.matcher.log.store.InteractionFilter;
import org.mailtrail.matcher.log.store.InteractionQueries;
import org.mailtrail.matcher.log.store.LogStore;
import org.mailtrail.matcher.log.store.MessageDocument;
import org.mailtrail.platform.web.ApiExceptionHandler.FieldProblem;
import org.mailtrail.platform.web.Cursor;
import org.mailtrail.platform.web.Page;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.server.ResponseStatusException;

import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

@RestController
@RequestMapping("/api")
@Tag(name = "Interactions", description = "The interaction log, newest first")
class InteractionController {

    private final InteractionQueries queries;
    private final LogStore store;
    private final IngestorLinkClient ingestor;
    private final MeterRegistry meters;

    InteractionController(InteractionQueries queries, LogStore store, IngestorLinkClient ingestor,
            MeterRegistry meters) {
        this.queries = queries;
        this.store = store;
        this.ingestor = ingestor;
        this.meters = meters;
    }

    @Operation(summary = "Interactions, newest first, by any combination of the filters")
    @GetMapping("/interactions")
    Page<InteractionView> interactions(
            @RequestParam(required = false) String contactId,
            @RequestParam(required = false) String companyId,
            @RequestParam(required = false) String salespersonCode,
            @RequestParam(required = false) Direction direction,
            @RequestParam(required = false) String connectionId,
            @Parameter(description = "inclusive, ISO-8601") @RequestParam(required = false)
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
            @Parameter(description = "exclusive, ISO-8601") @RequestParam(required = false)
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
            @Parameter(description = "nextCursor of the previous page") @RequestParam(required = false) String cursor,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit) {
        if (from != null && to != null && !from.isBefore(to)) {
            throw new InvalidQueryException("to", "must be after from");
        }
        Cursor after = cursor == null ? null : Cursor.decode(cursor);
        List<InteractionDocument> found = queries.find(new InteractionFilter(contactId, companyId, salespersonCode,
                direction, connectionId, from, to), after, limit);
        return page(found, limit, InteractionView::of, last -> new Cursor(last.interactionAt(), last.id()));
    }

    @Operation(summary = "One interaction")
    @GetMapping("/interactions/{id}")
    InteractionView interaction(@PathVariable String id) {
        return InteractionView.of(find(id));
    }

    @Operation(summary = "Open the interaction's mail",
            description = "Redirects (302) to a fresh link from mail-ingestor, or to the stored link when the ingestor "
                    + "does not answer in time; 404 when no link exists, with the reason.")
    @GetMapping("/interactions/{id}/message")
    ResponseEntity<Void> message(@PathVariable String id) {
        InteractionDocument interaction = find(id);
        if (interaction.linkNote() != null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, interaction.linkNote());
        }
        Optional<MessageDocument> message = store.findMessage(interaction.messageKey());
        Optional<String> fresh = message.filter(m -> m.immutableId() != null)
                .flatMap(m -> ingestor.freshLink(m.connectionId(), m.immutableId()));
        String stored = interaction.webLink() != null ? interaction.webLink()
                : message.map(MessageDocument::webLink).orElse(null);
        String source = fresh.isPresent() ? "ingestor" : stored != null ? "stored" : "none";
        meters.counter("mailtrail.links.served", "source", source).increment();
        String link = fresh.orElse(stored);
        if (link == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no link to the mail of interaction " + id);
        }
        return ResponseEntity.status(HttpStatus.FOUND).location(URI.create(link)).cacheControl(CacheControl.noStore())
                .build();
    }

    @Operation(summary = "A contact's interactions grouped by conversation, most recently active first",
            description = "For a company contact, its persons' interactions are included.")
    @GetMapping("/contacts/{contactId}/timeline")
    Page<ConversationView> timeline(@PathVariable String contactId,
            @Parameter(description = "nextCursor of the previous page") @RequestParam(required = false) String cursor,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit) {
        Cursor after = cursor == null ? null : Cursor.decode(cursor);
        List<ConversationGroup> groups = queries.timeline(contactId, after, limit);
        return page(groups, limit, ConversationView::of, last -> new Cursor(last.lastAt(), last.conversationKey()));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail typeMismatch(MethodArgumentTypeMismatchException e) {
        String expected = e.getRequiredType() == null ? "a valid value"
                : e.getRequiredType().isEnum() ? "one of " + List.of(e.getRequiredType().getEnumConstants())
                        : e.getRequiredType() == Instant.class ? "an ISO-8601 instant such as 2026-11-27T09:00:00Z"
                                : "a " + e.getRequiredType().getSimpleName();
        return invalid(e.getName(), "must be " + expected + ", not '" + e.getValue() + "'");
    }

    @ExceptionHandler(InvalidQueryException.class)
    ProblemDetail invalidQuery(InvalidQueryException e) {
        return invalid(e.field(), e.getMessage());
    }

    private InteractionDocument find(String id) {
        return store.findInteraction(id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no interaction " + id));
    }

    private static <D, V> Page<V> page(List<D> found, int limit, Function<D, V> view,
            Function<D, Cursor> position) {
        boolean more = found.size() > limit;
        List<D> items = more ? found.subList(0, limit) : found;
        return new Page<>(items.stream().map(view).toList(),
                more ? position.apply(items.get(items.size() - 1)).encode() : null);
    }

    private static ProblemDetail invalid(String field, String reason) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, field + ": " + reason);
        problem.setTitle("Invalid request");
        problem.setProperty("errors", List.of(new FieldProblem(field, reason)));
        return problem;
    }

    /** A query parameter that is well-formed but does not make sense with the others. */
    static class InvalidQueryException extends RuntimeException {

        private final String field;

        InvalidQueryException(String field, String reason) {
            super(reason);
            this.field = field;
        }

        String field() {
            return field;
        }
    }
}
