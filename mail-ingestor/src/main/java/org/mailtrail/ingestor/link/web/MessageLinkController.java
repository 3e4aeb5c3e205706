package org.mailtrail.ingestor.link.web;

import org.mailtrail.ingestor.link.domain.MessageLinks;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;

/**
 * The matcher's way to a message's current link. An unknown connection or message is a 404
 * {@code message-not-found}, a Graph that cannot be asked a 502 {@code graph-unavailable}.
 */
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
}
