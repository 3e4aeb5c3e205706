package org.mailtrail.opportunity.promotion.web;

import java.net.URI;

import org.mailtrail.opportunity.OpportunityProblems;
import org.mailtrail.opportunity.opportunities.domain.OpportunityTerms;
import org.mailtrail.opportunity.promotion.domain.Promotion;
import org.mailtrail.opportunity.promotion.domain.PromotionNotFoundException;
import org.mailtrail.opportunity.promotion.domain.PromotionStatus;
import org.mailtrail.opportunity.promotion.domain.Promotions;
import org.mailtrail.opportunity.security.Visibilities;
import org.mailtrail.opportunity.security.Visibility;
import org.mailtrail.platform.problem.ProblemException;
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
    private final Visibilities visibilities;

    PromotionController(Promotions promotions, Visibilities visibilities) {
        this.promotions = promotions;
        this.visibilities = visibilities;
    }

    @PostMapping("/interactions/{interactionId}/promotions")
    @Operation(summary = "Promote an interaction to an opportunity",
            description = "Publishes a PromoteInteraction command and answers at once with its status URL. The "
                    + "opportunity takes the interaction's contact, company, salesperson and description; the body "
                    + "may set or override description, salesCycleCode, estimatedValue with currency and "
                    + "probability. An interaction has one opportunity: promoting it again answers with that one. "
                    + "A salesperson promotes its own interactions only (another's is not found); the promotion "
                    + "records the caller's token as requestedBy.")
    @ApiResponse(responseCode = "202", description = "Command published; follow Location for its status")
    @ApiResponse(responseCode = "400", description = "A field of the body or a header is invalid")
    @ApiResponse(responseCode = "404", description = "A salesperson's request names another's interaction")
    @ApiResponse(responseCode = "422", description = "The Idempotency-Key was used for a different request")
    @ApiResponse(responseCode = "503", description = "The command could not be published; retry")
    ResponseEntity<PromotionView> promote(@PathVariable String interactionId,
            @Parameter(description = "Makes a retried request the same command (at most 200 characters)")
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
            @Valid @RequestBody(required = false) OpportunityTerms terms) {
        checkLength("interactionId", interactionId);
        checkLength("Idempotency-Key", idempotencyKey);
        Visibility visibility = visibilities.current();
        if (!visibilities.seesInteraction(visibility, interactionId)) {
            throw new ProblemException(OpportunityProblems.INTERACTION_NOT_FOUND, "no interaction " + interactionId);
        }
        Promotion promotion = promotions.request(interactionId, idempotencyKey, visibility.caller(),
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
    @ApiResponse(responseCode = "404", description = "No command has this id (a salesperson sees those it asked for)")
    ResponseEntity<PromotionView> status(@PathVariable String commandId) {
        Promotion promotion = promotions.get(commandId);
        Visibility visibility = visibilities.current();
        if (!visibility.all() && !visibility.caller().equals(promotion.requestedBy())) {
            throw new PromotionNotFoundException(commandId);
        }
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
