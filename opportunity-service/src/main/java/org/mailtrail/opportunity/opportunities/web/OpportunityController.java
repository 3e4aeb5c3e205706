package org.mailtrail.opportunity.opportunities.web;

import org.mailtrail.events.opportunity.OpportunityStatus;
import org.mailtrail.opportunity.opportunities.domain.Opportunities;
import org.mailtrail.opportunity.opportunities.domain.Opportunity;
import org.mailtrail.opportunity.opportunities.domain.OpportunityFilter;
import org.mailtrail.opportunity.opportunities.domain.OpportunityNotFoundException;
import org.mailtrail.opportunity.opportunities.domain.OpportunityPatch;
import org.mailtrail.opportunity.security.Visibilities;
import org.mailtrail.platform.web.Page;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

@RestController
@RequestMapping("/api/opportunities")
@Tag(name = "Opportunities", description = "Opportunities promoted from logged interactions")
class OpportunityController {

    static final String MERGE_PATCH_JSON = "application/merge-patch+json";

    private final Opportunities opportunities;
    private final Visibilities visibilities;

    OpportunityController(Opportunities opportunities, Visibilities visibilities) {
        this.opportunities = opportunities;
        this.visibilities = visibilities;
    }

    @GetMapping
    @Operation(summary = "List opportunities, newest first",
            description = "Filters combine; the page's nextCursor, passed back as cursor, gives the next page. A "
                    + "salesperson sees its own opportunities only; a sales manager everyone's.")
    Page<OpportunityView> list(
            @RequestParam(required = false) String contactId,
            @RequestParam(required = false) String salespersonCode,
            @RequestParam(required = false) OpportunityStatus status,
            @Parameter(description = "nextCursor of the previous page") @RequestParam(required = false) String cursor,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit) {
        Page<Opportunity> page = opportunities.list(new OpportunityFilter(contactId, salespersonCode, status,
                visibilities.current().visibleTo()), cursor, limit);
        return new Page<>(page.items().stream().map(OpportunityView::of).toList(), page.nextCursor());
    }

    @GetMapping("/{id}")
    @Operation(summary = "One opportunity, with its version as the ETag")
    @ApiResponse(responseCode = "200", description = "The opportunity")
    @ApiResponse(responseCode = "404", description = "No opportunity has this id")
    ResponseEntity<OpportunityView> get(@PathVariable String id) {
        Opportunity opportunity = visible(opportunities.get(id));
        return ResponseEntity.ok().eTag(opportunity.etag()).body(OpportunityView.of(opportunity));
    }

    @PatchMapping(path = "/{id}", consumes = { MERGE_PATCH_JSON, "application/json" })
    @Operation(summary = "Change an opportunity (JSON merge patch)",
            description = "status, description, salesCycleCode, estimatedValue with currency, probability. "
                    + "Status moves NOT_STARTED → IN_PROGRESS → WON or LOST, or NOT_STARTED → WON or LOST; "
                    + "a closed opportunity does not change. Send the ETag in If-Match to change only the "
                    + "version you read.")
    @ApiResponse(responseCode = "200", description = "The opportunity after the change")
    @ApiResponse(responseCode = "400", description = "A field cannot be set as asked")
    @ApiResponse(responseCode = "404", description = "No opportunity has this id")
    @ApiResponse(responseCode = "409", description = "The status cannot follow the current one, or it is closed")
    @ApiResponse(responseCode = "412", description = "If-Match names a version that is no longer current")
    ResponseEntity<OpportunityView> change(@PathVariable String id,
            @RequestHeader(name = "If-Match", required = false) String ifMatch,
            @Valid @RequestBody OpportunityPatch patch) {
        visible(opportunities.get(id));
        Opportunity changed = opportunities.change(id, ifMatch, patch);
        return ResponseEntity.ok().eTag(changed.etag()).body(OpportunityView.of(changed));
    }

    /** Another salesperson's opportunity is not found, as one that does not exist. */
    private Opportunity visible(Opportunity opportunity) {
        if (!visibilities.current().sees(opportunity.salespersonCode())) {
            throw new OpportunityNotFoundException(opportunity.id());
        }
        return opportunity;
    }
}
