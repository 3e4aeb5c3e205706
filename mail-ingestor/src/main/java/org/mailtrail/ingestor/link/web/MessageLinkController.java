package org.mailtrail.ingestor.link.web;

import org.mailtrail.ingestor.graph.GraphInterruptedException;
import org.mailtrail.ingestor.graph.TokenUnavailableException;
import org.mailtrail.ingestor.link.domain.MessageLinks;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import com.microsoft.kiota.ApiException;

import io.swagger.v3.oas.annotations.Operation;

/** The matcher's way to a message's current link. */
@RestController
public class MessageLinkController {

    /** The answer: the link Outlook on the web opens the message with, as Graph gives it now. */
    public record MessageLink(String webLink) {
    }

    private final MessageLinks links;

    public MessageLinkController(MessageLinks links) {
        this.links = links;
    }

    @Operation(summary = "The current webLink of a message, by its immutable id")
    @GetMapping("/internal/messages/{connectionId}/{immutableId}/link")
    public MessageLink link(@PathVariable String connectionId, @PathVariable String immutableId) {
        return new MessageLink(links.webLink(connectionId, immutableId));
    }

    @ExceptionHandler(MessageLinks.NotFoundException.class)
    ProblemDetail notFound(MessageLinks.NotFoundException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setTitle("Message not found");
        return problem;
    }

    @ExceptionHandler({ ApiException.class, TokenUnavailableException.class, GraphInterruptedException.class })
    ProblemDetail graphUnavailable(RuntimeException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY,
                "Graph could not be asked for the link: " + e.getMessage());
        problem.setTitle("Graph unavailable");
        return problem;
    }
}
