package org.mailtrail.ingestor.imap.domain;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.eclipse.angus.mail.imap.AppendUID;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPMessage;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.mailtrail.events.config.DeleteMode;
import org.mailtrail.events.mail.Disposition;
import org.mailtrail.ingestor.IngestorProperties;
import org.mailtrail.ingestor.connection.domain.FollowedConnection;
import org.mailtrail.ingestor.connection.domain.Ownership;
import org.mailtrail.ingestor.disposition.domain.DispositionExecutor;
import org.mailtrail.ingestor.disposition.domain.DispositionResults;
import org.mailtrail.ingestor.disposition.domain.PendingDisposition;
import org.mailtrail.ingestor.imap.store.MailLocationStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.search.MessageIDTerm;

/**
 * Carries out an IMAP connection's commands one after the other on one connection. ARCHIVE, HOLD and a DELETE that
 * moves to the Trash are moves: MOVE (RFC 6851) where the server offers it, and where it does not, or refuses it for
 * a mail, COPY, then {@code \Deleted} and UID EXPUNGE of exactly that UID (a server without UIDPLUS gets a plain
 * EXPUNGE). A move never makes a second copy: the destination is searched first (Message-ID, then the same immutable
 * id), and a mail found there only has its source copy expunged; one already gone from the source but found in the
 * destination is done (a repeated command). SOFT_DELETE and PERMANENT_DELETE flag and expunge the mail where it is:
 * IMAP has no recoverable-items folder of its own.
 *
 * <p>The archive folder missing, ARCHIVE falls back to DELETE, as for Graph; a missing hold folder, or Trash, is
 * made. Each command is settled by {@link DispositionResults}; the lease is checked before each change.
 */
@Component
public class ImapDispositions implements DispositionExecutor {

    private static final Logger log = LoggerFactory.getLogger(ImapDispositions.class);

    private final ImapConnections connections;
    private final MailLocationStore locations;
    private final DispositionResults results;
    private final int batchSize;
    private final MeterRegistry registry;

    public ImapDispositions(ImapConnections connections, MailLocationStore locations, DispositionResults results,
            IngestorProperties properties, MeterRegistry registry) {
        this.connections = connections;
        this.locations = locations;
        this.results = results;
        this.batchSize = properties.dispositions().batchSize();
        this.registry = registry;
    }

    @Override
    public boolean carriesOut(FollowedConnection connection) {
        return connection.imapKind();
    }

    @Override
    public int itemsPerBatch() {
        return batchSize;
    }

    @Override
    public void run(FollowedConnection connection, Ownership owner, List<PendingDisposition> due) {
        DispositionResults.Settlement settlement = results.settle(connection, owner);
        try (ImapConnections.Lease lease = connections.open(connection)) {
            Mailbox mailbox = new Mailbox(connection, lease.store());
            boolean archiveMissing = due.stream().anyMatch(d -> d.action() == Disposition.ARCHIVE)
                    && ImapFolders.find(lease.store(), connection.archiveFolder()).isEmpty();
            for (PendingDisposition due1 : due) {
                PendingDisposition item = due1;
                if (item.action() == Disposition.ARCHIVE && archiveMissing) {
                    item = settlement.fallBackToDelete(item,
                            "archive folder '" + connection.archiveFolder() + "' not found");
                }
                owner.check();
                try {
                    mailbox.carryOut(item, settlement);
                } catch (MessagingException | IllegalStateException e) {
                    log.info("disposition {} of connection {} failed: {}", item.commandId(), connection.id(),
                            e.toString());
                    settlement.serverError(item, "the IMAP server answered: " + e.getMessage());
                }
            }
        } catch (MessagingException e) {
            throw new ImapUnavailableException("the IMAP server of connection " + connection.id()
                    + " cannot be reached: " + e.getMessage(), e);
        } finally {
            settlement.publishResults();
        }
    }

    @Override
    public void failedAsAWhole(FollowedConnection connection, Ownership owner, List<PendingDisposition> items,
            String reason) {
        DispositionResults.Settlement settlement = results.settle(connection, owner);
        items.forEach(item -> settlement.refused(item, reason));
        settlement.publishResults();
    }

    private void command(String command, String outcome) {
        Counter.builder("mailtrail.imap.commands")
                .description("IMAP commands that change a mailbox, by command and outcome")
                .tag("command", command).tag("outcome", outcome)
                .register(registry).increment();
    }

    /** One connection's mailbox during a batch: one folder open at a time, so the batch needs one connection. */
    private final class Mailbox {
        private final FollowedConnection connection;
        private final IMAPStore store;

        Mailbox(FollowedConnection connection, IMAPStore store) {
            this.connection = connection;
            this.store = store;
        }

        void carryOut(PendingDisposition item, DispositionResults.Settlement settlement) throws MessagingException {
            if (item.action() == Disposition.DELETE && connection.deleteMode() != DeleteMode.MOVE_TO_DELETED_ITEMS) {
                expungeWhereItIs(item, settlement);
                return;
            }
            IMAPFolder destination = switch (item.action()) {
                case ARCHIVE -> ImapFolders.find(store, connection.archiveFolder()).orElseThrow(
                        () -> new MessagingException("archive folder '" + connection.archiveFolder() + "' not found"));
                case HOLD -> ImapFolders.findOrCreate(store, item.folder());
                case DELETE -> ImapFolders.trash(store);
                case LEAVE -> throw new IllegalStateException("LEAVE is never carried out in the mailbox");
            };
            Optional<Place> there = find(destination, item);
            Optional<Place> source = Optional.empty();
            IMAPFolder sourceFolder = null;
            for (String name : sourcesOf(item, destination)) {
                Optional<IMAPFolder> folder = ImapFolders.find(store, name);
                if (folder.isPresent()) {
                    source = find(folder.get(), item);
                    if (source.isPresent()) {
                        sourceFolder = folder.get();
                        break;
                    }
                }
            }
            if (there.isPresent()) {
                // Copied or moved before (a repeated command, or a crash after the COPY): never a second copy.
                if (source.isPresent()) {
                    expunge(sourceFolder, source.get().uid());
                }
                moved(item, destination, there.get(), settlement);
                return;
            }
            if (source.isEmpty()) {
                settlement.gaveUp(item, "the message is no longer in the mailbox", false);
                return;
            }
            Place place = move(sourceFolder, source.get().uid(), destination, item);
            moved(item, destination, place, settlement);
        }

        /** The folders the mail may be in, where the command looks for it: where it was last seen, then as named. */
        private Set<String> sourcesOf(PendingDisposition item, IMAPFolder destination) {
            Set<String> names = new LinkedHashSet<>();
            locations.find(connection.id(), item.immutableId()).ifPresent(l -> names.add(l.folder()));
            if (item.currentFolder() != null) {
                names.add(item.currentFolder());
            }
            names.add(connection.sourceFolder());
            names.removeIf(name -> name.equalsIgnoreCase(destination.getFullName()));
            return names;
        }

        private Place move(IMAPFolder source, long uid, IMAPFolder destination, PendingDisposition item)
                throws MessagingException {
            source.open(Folder.READ_WRITE);
            AppendUID[] copied = null;
            try {
                Message message = source.getMessageByUID(uid);
                if (message == null) {
                    throw new MessagingException("UID " + uid + " vanished from " + source.getFullName());
                }
                boolean moved = false;
                if (store.hasCapability("MOVE")) {
                    try {
                        copied = source.moveUIDMessages(new Message[] { message }, destination);
                        command("move", "done");
                        moved = true;
                    } catch (MessagingException e) {
                        command("move", "refused");
                        log.info("MOVE of {} refused ({}); copying and expunging instead", item.internetMessageId(),
                                e.getMessage());
                    }
                }
                if (!moved) {
                    copied = source.copyUIDMessages(new Message[] { message }, destination);
                    command("copy", "done");
                    message.setFlag(Flags.Flag.DELETED, true);
                    source.expunge(new Message[] { message });
                    command("expunge", "done");
                }
            } finally {
                source.close(false);
            }
            if (copied != null && copied.length == 1 && copied[0] != null && copied[0].uid > 0) {
                return new Place(copied[0].uidvalidity, copied[0].uid);
            }
            // No COPYUID in the answer (no UIDPLUS): the mail is found where it went.
            return find(destination, item).orElseThrow(() -> new MessagingException(
                    "the mail was moved to " + destination.getFullName() + " but is not found there"));
        }

        private void expungeWhereItIs(PendingDisposition item, DispositionResults.Settlement settlement)
                throws MessagingException {
            String scope = item.currentFolder() != null ? item.currentFolder() : connection.sourceFolder();
            Set<String> names = new LinkedHashSet<>();
            names.add(scope);
            locations.find(connection.id(), item.immutableId()).ifPresent(l -> names.add(l.folder()));
            for (String name : names) {
                Optional<IMAPFolder> folder = ImapFolders.find(store, name);
                if (folder.isEmpty()) {
                    continue;
                }
                Optional<Place> place = find(folder.get(), item);
                if (place.isPresent()) {
                    expunge(folder.get(), place.get().uid());
                    locations.forget(connection.id(), item.immutableId());
                    settlement.deleted(item);
                    return;
                }
            }
            settlement.gaveUp(item, "the message is no longer in folder '" + scope + "'", false);
        }

        private void expunge(IMAPFolder folder, long uid) throws MessagingException {
            folder.open(Folder.READ_WRITE);
            try {
                Message message = folder.getMessageByUID(uid);
                if (message != null) {
                    message.setFlag(Flags.Flag.DELETED, true);
                    folder.expunge(new Message[] { message });
                    command("expunge", "done");
                }
            } finally {
                folder.close(false);
            }
        }

        private void moved(PendingDisposition item, IMAPFolder destination, Place place,
                DispositionResults.Settlement settlement) throws MessagingException {
            String folder = destination.getFullName();
            String url = ImapIdentity.url(connection.imap(), folder, place.uidValidity(), place.uid());
            locations.record(new MailLocation(connection.id(), item.immutableId(), item.internetMessageId(), folder,
                    place.uidValidity(), place.uid()));
            switch (item.action()) {
                case ARCHIVE -> settlement.archived(item, item.immutableId(), url, connection.archiveFolder(), url);
                case HOLD -> settlement.held(item, item.immutableId(), url, url);
                case DELETE, LEAVE -> settlement.deleted(item);
            }
        }

        /** The mail in the folder: where it was last seen there, else by its Message-ID and immutable id. */
        private Optional<Place> find(IMAPFolder folder, PendingDisposition item) throws MessagingException {
            folder.open(Folder.READ_ONLY);
            try {
                long uidValidity = folder.getUIDValidity();
                Optional<MailLocation> known = locations.find(connection.id(), item.immutableId())
                        .filter(l -> l.folder().equals(folder.getFullName()) && l.uidValidity() == uidValidity);
                if (known.isPresent()) {
                    Message message = folder.getMessageByUID(known.get().uid());
                    if (message != null && same(message, item)) {
                        return Optional.of(new Place(uidValidity, known.get().uid()));
                    }
                }
                for (Message message : folder.search(new MessageIDTerm(item.internetMessageId()))) {
                    if (same(message, item)) {
                        return Optional.of(new Place(uidValidity, folder.getUID(message)));
                    }
                }
                return Optional.empty();
            } finally {
                folder.close(false);
            }
        }

        private boolean same(Message message, PendingDisposition item) throws MessagingException {
            return !message.isExpunged() && !message.isSet(Flags.Flag.DELETED)
                    && ImapMails.immutableId(connection, (IMAPMessage) message).equals(item.immutableId());
        }
    }

    /** A mail's UID in a folder, under the folder's UIDVALIDITY. */
    private record Place(long uidValidity, long uid) {
    }
}
