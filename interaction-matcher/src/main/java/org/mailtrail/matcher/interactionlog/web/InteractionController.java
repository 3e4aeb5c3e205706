package org.mailtrail.matcher.interactionlog.web;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

import org.mailtrail.events.interaction.Direction;
import org.mailtrail.matcher.interactionlog.domain.Conversation;
import org.mailtrail.matcher.interactionlog.domain.Interaction;
import org.mailtrail.matcher.interactionlog.domain.InteractionFilter;
import org.mailtrail.matcher.interactionlog.domain.InteractionLog;
import org.mailtrail.matcher.interactionlog.domain.InteractionReader;
import org.mailtrail.matcher.interactionlog.domain.OpenedMail;
import org.mailtrail.matcher.ingestor.MailContent;
import org.mailtrail.platform.problem.InvalidRequestException;
import org.mailtrail.platform.security.Caller;
import org.mailtrail.platform.web.Cursor;
import org.mailtrail.platform.web.Page;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

@RestController
@RequestMapping("/api")
@Tag(name = "Interactions", description = "The interaction log, newest first")
class InteractionController {

    private final InteractionReader interactions;
    private final Viewers viewers;
    private final InteractionLog log;

    InteractionController(InteractionReader interactions, InteractionLog log, Viewers viewers) {
        this.log = log;
        this.interactions = interactions;
        this.viewers = viewers;
    }

    @Operation(summary = "Interactions, newest first, by any combination of the filters",
            description = "A salesperson sees its own interactions only; a sales manager everyone's.")
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
            throw new InvalidRequestException("to", "must be after from");
        }
        Cursor after = cursor == null ? null : Cursor.decode(cursor);
        List<Interaction> found = interactions.find(new InteractionFilter(contactId, companyId, salespersonCode,
                direction, connectionId, from, to, viewers.current()), after, limit);
        return page(found, limit, this::view,
                last -> new Cursor(last.mail().interactionAt(), last.id()));
    }

    @Operation(summary = "One interaction", description = "404 for one the caller may not see, as for one that "
            + "does not exist.")
    @GetMapping("/interactions/{id}")
    InteractionView interaction(@PathVariable String id) {
        return view(interactions.interaction(id, viewers.current()));
    }

    @Operation(summary = "Take the interaction away from the opportunity its conversation linked it to",
            description = "For a sales manager. Only a link made by the conversation (opportunityLinkedBy "
                    + "CONVERSATION) can be undone, and the interaction is not linked to that opportunity again; 409 "
                    + "when it is not linked or was promoted to the opportunity itself, 404 for an interaction the "
                    + "caller may not see.")
    @DeleteMapping("/interactions/{id}/opportunity")
    InteractionView unlinkOpportunity(@PathVariable String id) {
        Interaction interaction = interactions.interaction(id, viewers.current());
        return view(log.unlinkOpportunity(interaction, Caller.current().name()));
    }

    @Operation(summary = "Open the interaction's mail",
            description = "A mail read through Microsoft Graph: redirects (302) to a fresh link from mail-ingestor, or "
                    + "to the stored link when the ingestor does not answer in time; 404 when no link exists, with the "
                    + "reason. A mail read from an IMAP server (the interaction is openable): answers its content as "
                    + "mail-ingestor reads it from the server (headers, text, sanitised HTML, the attachments listed); "
                    + "404 when the mail is not found, 422 when it is too large to show, 503 when its server does not "
                    + "answer, 502 when mail-ingestor fails. 404 for an interaction the caller may not see.")
    @ApiResponse(responseCode = "200", description = "an IMAP mail's content",
            content = @Content(schema = @Schema(implementation = MailContent.class)))
    @ApiResponse(responseCode = "302", description = "a Graph mail: its link in Outlook on the web, in Location")
    @GetMapping("/interactions/{id}/message")
    ResponseEntity<MailContent> message(@PathVariable String id) {
        OpenedMail opened = interactions.openMail(id, viewers.current());
        if (opened instanceof OpenedMail.AsContent content) {
            // A person's mail: kept by no cache on the way, the browser's included.
            return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(content.content());
        }
        return ResponseEntity.status(HttpStatus.FOUND).location(URI.create(((OpenedMail.AtLink) opened).webLink()))
                .cacheControl(CacheControl.noStore()).build();
    }

    @Operation(summary = "A contact's interactions grouped by conversation, most recently active first",
            description = "For a company contact, its persons' interactions are included; a salesperson sees its own "
                    + "interactions only.")
    @GetMapping("/contacts/{contactId}/timeline")
    Page<ConversationView> timeline(@PathVariable String contactId,
            @Parameter(description = "nextCursor of the previous page") @RequestParam(required = false) String cursor,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit) {
        Cursor after = cursor == null ? null : Cursor.decode(cursor);
        List<Conversation> conversations = interactions.timeline(contactId, viewers.current(), after, limit);
        return page(conversations, limit, group -> ConversationView.of(group, interactions::source),
                last -> new Cursor(last.lastAt(), last.conversationKey()));
    }

    private InteractionView view(Interaction interaction) {
        return InteractionView.of(interaction, interactions.source(interaction));
    }

    private static <D, V> Page<V> page(List<D> found, int limit, Function<D, V> view,
            Function<D, Cursor> position) {
        boolean more = found.size() > limit;
        List<D> items = more ? found.subList(0, limit) : found;
        return new Page<>(items.stream().map(view).toList(),
                more ? position.apply(items.get(items.size() - 1)).encode() : null);
    }
}
