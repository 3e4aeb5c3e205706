package org.mailtrail.ingestor.imap.web;

import org.mailtrail.ingestor.imap.domain.ImapMessages;
import org.mailtrail.ingestor.imap.domain.MessageContent;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;

/**
 * The matcher's way to an IMAP mail's content, for the console to show. An unknown connection or mail, or a Graph
 * connection (whose mail opens in Outlook), is a 404 {@code message-not-found}; a mail over the size limit a 422
 * {@code message-too-large}; a server that cannot be reached a 503 {@code imap-unavailable}.
 */
@RestController
public class MessageContentController {

    private final ImapMessages messages;

    public MessageContentController(ImapMessages messages) {
        this.messages = messages;
    }

    @Operation(summary = "The content of an IMAP mail, by its immutable id: headers, text, sanitised HTML, attachments")
    @GetMapping("/internal/messages/{connectionId}/{immutableId}/content")
    public ResponseEntity<MessageContent> content(@PathVariable String connectionId, @PathVariable String immutableId) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .body(messages.content(connectionId, immutableId));
    }
}
