package org.mailtrail.opportunity.promotion.web;

import java.net.URI;

import org.mailtrail.opportunity.opportunities.domain.OpportunityTerms;
import org.mailtrail.opportunity.promotion.domain.Promotion;
import org.mailtrail.opportunity.promotion.domain.PromotionStatus;
import org.mailtrail.opportunity.promotion.domain.Promotions;
import org.mailtrail.platform.problem.InvalidRequestException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

@RestController
@RequestMapping("/api")
@Tag(name = "Promotions", description = "Promote a logged interaction to an opportunity, and follow the command")
class PromotionController {

    static final int MAX_HEADER_LENGTH = 200;
    /** How soon a client polling a PENDING promotion should look again, in seconds. */
    static final String POLL_AFTER_SECONDS = "1";

    private final Promotions promotions;

    PromotionController(Promotions promotions) {
        this.promotions = promotions;
    }

    @PostMapping("/interactions/{interactionId}/promotions")
    @Operation(summary = "Promote an interaction to an opportunity",
            description = "Publishes a PromoteInteraction command and answers at once with its status URL. The "
                    + "opportunity takes the interaction's contact, company, salesperson and description; the body "
                    + "may set or override description, salesCycleCode, estimatedValue with currency and "
                    + "probability. An interaction has one opportunity: promoting it again answers with that one.")
    @ApiResponse(responseCode = "202", description = "Command published; follow Location for its status")
    @ApiResponse(responseCode = "400", description = "A field of the body or a header is invalid")
    @ApiResponse(responseCode = "422", description = "The Idempotency-Key was used for a different request")
    @ApiResponse(responseCode = "503", description = "The command could not be published; retry")
    ResponseEntity<PromotionView> promote(@PathVariable String interactionId,
            @Parameter(description = "Makes a retried request the same command (at most 200 characters)")
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
            @Parameter(description = "The e-mail address of the user asking, recorded as requestedBy")
            @RequestHeader(name = HttpHeaders.FROM, required = false) String from,
            @Valid @RequestBody(required = false) OpportunityTerms terms) {
        checkLength("interactionId", interactionId);
        checkLength("Idempotency-Key", idempotencyKey);
        checkLength(HttpHeaders.FROM, from);
        Promotion promotion = promotions.request(interactionId, idempotencyKey, from,
                terms == null ? OpportunityTerms.NONE : terms);
        return ResponseEntity.accepted().location(URI.create("/api/promotions/" + promotion.id()))
                .header(HttpHeaders.RETRY_AFTER, POLL_AFTER_SECONDS)
                .body(PromotionView.of(promotion));
    }

    @GetMapping("/promotions/{commandId}")
    @Operation(summary = "The status of a promotion command",
            description = "PENDING (look again after Retry-After), ACCEPTED with the opportunity, or REJECTED "
                    + "with the reason: INTERACTION_NOT_FOUND or INVALID_COMMAND.")
    @ApiResponse(responseCode = "200", description = "The command's status")
    @ApiResponse(responseCode = "404", description = "No command has this id")
    ResponseEntity<PromotionView> status(@PathVariable String commandId) {
        Promotion promotion = promotions.get(commandId);
        ResponseEntity.BodyBuilder response = ResponseEntity.ok();
        if (promotion.status() == PromotionStatus.PENDING) {
            response.header(HttpHeaders.RETRY_AFTER, POLL_AFTER_SECONDS);
        }
        return response.body(PromotionView.of(promotion));
    }

    private static void checkLength(String field, String value) {
        if (value != null && (value.isBlank() || value.length() > MAX_HEADER_LENGTH)) {
            throw new InvalidRequestException(field, "must be 1 to " + MAX_HEADER_LENGTH + " characters, not blank");
        }
    }
}
