package org.mailtrail.ingestor.imap.domain;

import static org.mailtrail.ingestor.IngestorProblems.IMAP_UNAVAILABLE;
import static org.mailtrail.ingestor.IngestorProblems.MESSAGE_TOO_LARGE;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPMessage;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.jsoup.Jsoup;
import org.jsoup.safety.Safelist;
import org.mailtrail.ingestor.connection.domain.ConnectionSupervisor;
import org.mailtrail.ingestor.connection.domain.FollowedConnection;
import org.mailtrail.ingestor.imap.ImapSourceProperties;
import org.mailtrail.ingestor.imap.store.MailLocationStore;
import org.mailtrail.ingestor.link.domain.LinkSource;
import org.mailtrail.ingestor.link.domain.MessageLinks;
import org.mailtrail.platform.problem.ProblemException;
import org.springframework.stereotype.Service;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.search.MessageIDTerm;

/**
 * Finds an IMAP connection's mail wherever it is now (where it was last seen, else by its Message-ID in the archive,
 * source and hold folders) for its current IMAP URL and its content. Any instance answers, not only the one running
 * the connection. Reading never marks a mail seen.
 */
@Service
public class ImapMessages implements LinkSource {

    /** The headers the content shows, in this order. */
    static final List<String> SHOWN_HEADERS = List.of("Date", "From", "Sender", "To", "Cc", "Subject", "Message-ID",
            "In-Reply-To", "References", "Reply-To");

    /** The HTML a console may show: no images, no styles, links only to the web and to mail, none followed. */
    static final Safelist SAFE_HTML = Safelist.relaxed().removeTags("img").removeProtocols("a", "href", "ftp")
            .removeProtocols("blockquote", "cite", "ftp").removeProtocols("q", "cite", "ftp")
            .addEnforcedAttribute("a", "rel", "noopener noreferrer nofollow");

    private final ConnectionSupervisor supervisor;
    private final ImapConnections connections;
    private final MailLocationStore locations;
    private final ImapSourceProperties settings;

    public ImapMessages(ConnectionSupervisor supervisor, ImapConnections connections, MailLocationStore locations,
            ImapSourceProperties settings) {
        this.supervisor = supervisor;
        this.connections = connections;
        this.locations = locations;
        this.settings = settings;
    }

    @Override
    public boolean answers(FollowedConnection connection) {
        return connection.imapKind();
    }

    @Override
    public String webLink(FollowedConnection connection, String immutableId) {
        return withMail(connection, immutableId, (folder, message, location) -> ImapIdentity.url(connection.imap(),
                location.folder(), location.uidValidity(), location.uid()));
    }

    /** The content of the connection's mail. */
    public MessageContent content(String connectionId, String immutableId) {
        FollowedConnection connection = supervisor.enabled(connectionId)
                .orElseThrow(() -> new MessageLinks.NotFoundException("no enabled connection " + connectionId));
        if (!connection.imapKind()) {
            throw new MessageLinks.NotFoundException("Graph mail opens in Outlook through its webLink");
        }
        return withMail(connection, immutableId, (folder, message, location) -> {
            long size = message.getSizeLong();
            if (size > settings.maxMessageBytes().toBytes()) {
                throw new ProblemException(MESSAGE_TOO_LARGE, "the mail has " + size + " bytes, more than the "
                        + settings.maxMessageBytes().toBytes() + " a mail may have to be opened here");
            }
            message.setPeek(true);
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            try {
                message.writeTo(raw);
                MimeMessage mail = new MimeMessage(Session.getInstance(new java.util.Properties()),
                        new ByteArrayInputStream(raw.toByteArray()));
                return read(connection, mail, message, location);
            } catch (IOException e) {
                throw new MessagingException("the mail could not be read", e);
            }
        });
    }

    @FunctionalInterface
    private interface MailReader<T> {
        T read(IMAPFolder folder, IMAPMessage message, MailLocation location) throws MessagingException;
    }

    private <T> T withMail(FollowedConnection connection, String immutableId, MailReader<T> reader) {
        if (!immutableId.startsWith(ImapIdentity.IMMUTABLE_ID_PREFIX)) {
            throw new MessageLinks.NotFoundException("no mail " + immutableId + " in connection " + connection.id());
        }
        MailLocation known = locations.find(connection.id(), immutableId).orElseThrow(
                () -> new MessageLinks.NotFoundException("no mail " + immutableId + " in connection " + connection.id()));
        try (ImapConnections.Lease lease = connections.open(connection)) {
            IMAPStore store = lease.store();
            Set<String> folders = new LinkedHashSet<>(List.of(known.folder(), connection.archiveFolder(),
                    connection.sourceFolder()));
            for (String name : folders) {
                Optional<IMAPFolder> found = ImapFolders.find(store, name);
                if (found.isEmpty()) {
                    continue;
                }
                IMAPFolder folder = found.get();
                folder.open(Folder.READ_ONLY);
                try {
                    Optional<IMAPMessage> message = find(connection, folder, known, immutableId);
                    if (message.isPresent()) {
                        MailLocation location = new MailLocation(connection.id(), immutableId,
                                known.internetMessageId(), folder.getFullName(), folder.getUIDValidity(),
                                folder.getUID(message.get()));
                        if (!location.equals(known)) {
                            locations.record(location);
                        }
                        return reader.read(folder, message.get(), location);
                    }
                } finally {
                    folder.close(false);
                }
            }
        } catch (MessagingException e) {
            throw new ProblemException(IMAP_UNAVAILABLE, "the IMAP server of connection " + connection.id()
                    + " could not be asked: " + e.getMessage(), List.of(), e);
        } catch (ImapCredentialClient.CredentialUnavailableException e) {
            throw new ProblemException(IMAP_UNAVAILABLE, e.getMessage(), List.of(), e);
        }
        throw new MessageLinks.NotFoundException("mail " + immutableId + " is no longer in the mailbox of connection "
                + connection.id());
    }

    private static Optional<IMAPMessage> find(FollowedConnection connection, IMAPFolder folder, MailLocation known,
            String immutableId) throws MessagingException {
        if (known.folder().equals(folder.getFullName()) && known.uidValidity() == folder.getUIDValidity()) {
            Message message = folder.getMessageByUID(known.uid());
            if (message != null && ImapMails.immutableId(connection, (IMAPMessage) message).equals(immutableId)) {
                return Optional.of((IMAPMessage) message);
            }
        }
        for (Message message : folder.search(new MessageIDTerm(known.internetMessageId()))) {
            if (ImapMails.immutableId(connection, (IMAPMessage) message).equals(immutableId)) {
                return Optional.of((IMAPMessage) message);
            }
        }
        return Optional.empty();
    }

    private MessageContent read(FollowedConnection connection, MimeMessage mail, IMAPMessage original,
            MailLocation location) throws MessagingException, IOException {
        Body body = new Body();
        body.walk(mail);
        List<MessageContent.Header> headers = new ArrayList<>();
        for (String name : SHOWN_HEADERS) {
            String value = mail.getHeader(name, ", ");
            if (value != null) {
                headers.add(new MessageContent.Header(name, decode(value)));
            }
        }
        String html = body.html == null ? null : Jsoup.clean(body.html, SAFE_HTML);
        String text = body.text != null ? body.text : body.html != null ? ImapMails.htmlToText(body.html) : "";
        return new MessageContent(location.internetMessageId(), location.folder(), location.uid(),
                ImapIdentity.url(connection.imap(), location.folder(), location.uidValidity(), location.uid()),
                mail.getSubject(), ImapMails.first(mail.getFrom()),
                ImapMails.first(mail.getSender() == null ? mail.getFrom() : new jakarta.mail.Address[] { mail.getSender() }),
                ImapMails.addresses(mail.getRecipients(Message.RecipientType.TO)),
                ImapMails.addresses(mail.getRecipients(Message.RecipientType.CC)),
                mail.getSentDate() == null ? null : mail.getSentDate().toInstant(),
                ImapMails.internalDate(original), headers, text, html, body.attachments);
    }

    private static String decode(String value) {
        try {
            return MimeUtility.decodeText(MimeUtility.unfold(value));
        } catch (IOException e) {
            return value;
        }
    }

    /** The first text and HTML bodies, and the attachments, of a parsed mail. */
    private static final class Body {
        String text;
        String html;
        final List<MessageContent.Attachment> attachments = new ArrayList<>();

        void walk(Part part) throws MessagingException, IOException {
            if (part.isMimeType("multipart/*")) {
                Multipart multipart = (Multipart) part.getContent();
                for (int i = 0; i < multipart.getCount(); i++) {
                    walk(multipart.getBodyPart(i));
                }
                return;
            }
            String type = new ContentType(part.getContentType()).getBaseType().toLowerCase(Locale.ROOT);
            boolean attachment = Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())
                    || (!type.startsWith("text/") && part.getFileName() != null)
                    || (!type.startsWith("text/") && !type.startsWith("multipart/"));
            if (attachment) {
                attachments.add(new MessageContent.Attachment(part.getFileName(), type, Math.max(0, part.getSize())));
            } else if (type.equals("text/plain") && text == null) {
                text = part.getContent().toString();
            } else if (type.equals("text/html") && html == null) {
                html = part.getContent().toString();
            }
        }
    }
}
