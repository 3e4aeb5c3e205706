package org.mailtrail.ingestor.imap.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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
 * Carries out a batch of an IMAP connection's commands on one connection, the commands that move mail to the same
 * folder together. ARCHIVE, HOLD and a DELETE that moves to the Trash are moves: one UID MOVE (RFC 6851) for a
 * folder's mails where the server offers it, and where it does not, or refuses it, COPY, then {@code \Deleted} and UID
 * EXPUNGE of exactly those UIDs (a server without UIDPLUS gets a plain EXPUNGE). SOFT_DELETE and PERMANENT_DELETE
 * flag and expunge the mail where it is: IMAP has no recoverable-items folder of its own.
 *
 * <p>A move never makes a second copy. Before mail is moved or copied, the folder it goes to is noted with its
 * location; a mail whose note (or last known place) names the destination, which only an earlier try can have put
 * there, is searched for there first (Message-ID, then the same immutable id), and when found only its source copy
 * is expunged; one already gone from the source but found in the destination is done (a repeated command). Other
 * mail is not searched for: a folder that only grows, the archive, is never searched mail by mail.
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
            Mailbox mailbox = new Mailbox(connection, lease.store(), owner, settlement);
            boolean archiveMissing = due.stream().anyMatch(d -> d.action() == Disposition.ARCHIVE)
                    && ImapFolders.find(lease.store(), connection.archiveFolder()).isEmpty();
            // The commands that move mail, by the folder they move it to: each folder's in one go.
            Map<String, List<PendingDisposition>> moves = new LinkedHashMap<>();
            Map<String, IMAPFolder> destinations = new HashMap<>();
            for (PendingDisposition command : due) {
                PendingDisposition item = command;
                if (item.action() == Disposition.ARCHIVE && archiveMissing) {
                    item = settlement.fallBackToDelete(item,
                            "archive folder '" + connection.archiveFolder() + "' not found");
                }
                try {
                    if (item.action() == Disposition.DELETE
                            && connection.deleteMode() != DeleteMode.MOVE_TO_DELETED_ITEMS) {
                        owner.check();
                        mailbox.expungeWhereItIs(item);
                        continue;
                    }
                    IMAPFolder destination = mailbox.destination(item);
                    destinations.putIfAbsent(destination.getFullName(), destination);
                    moves.computeIfAbsent(destination.getFullName(), name -> new ArrayList<>()).add(item);
                } catch (MessagingException | IllegalStateException e) {
                    failed(connection, settlement, List.of(item), e);
                }
            }
            for (Map.Entry<String, List<PendingDisposition>> group : moves.entrySet()) {
                try {
                    mailbox.moveAll(destinations.get(group.getKey()), group.getValue());
                } catch (MessagingException | IllegalStateException e) {
                    // What the group settled before the failure stays settled: one result per command.
                    failed(connection, settlement, group.getValue().stream().filter(mailbox::unsettled).toList(), e);
                }
            }
        } catch (MessagingException e) {
            throw new ImapUnavailableException("the IMAP server of connection " + connection.id()
                    + " cannot be reached: " + e.getMessage(), e);
        } finally {
            settlement.publishResults();
        }
    }

    private void failed(FollowedConnection connection, DispositionResults.Settlement settlement,
            List<PendingDisposition> items, Exception e) {
        log.info("{} disposition(s) of connection {} failed: {}", items.size(), connection.id(), e.toString());
        items.forEach(item -> settlement.serverError(item, "the IMAP server answered: " + e.getMessage()));
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

    /**
     * One connection's mailbox during a batch, on one connection. The commands that move mail to one folder go
     * together: the destination is opened once and searched for mail already there (moved or copied by an earlier
     * try), then each folder the mail may be in is opened once, and what is found there moves in one UID MOVE (or one
     * COPY, flagging and UID EXPUNGE), while what is already in the destination only has its source copy expunged.
     */
    private final class Mailbox {
        private final FollowedConnection connection;
        private final IMAPStore store;
        private final Ownership owner;
        private final DispositionResults.Settlement settlement;
        /** The commands of the batch settled so far. */
        private final Set<String> settled = new HashSet<>();
        private IMAPFolder trash;

        Mailbox(FollowedConnection connection, IMAPStore store, Ownership owner,
                DispositionResults.Settlement settlement) {
            this.connection = connection;
            this.store = store;
            this.owner = owner;
            this.settlement = settlement;
        }

        boolean unsettled(PendingDisposition item) {
            return !settled.contains(item.commandId());
        }

        IMAPFolder destination(PendingDisposition item) throws MessagingException {
            return switch (item.action()) {
                case ARCHIVE -> ImapFolders.find(store, connection.archiveFolder()).orElseThrow(
                        () -> new MessagingException("archive folder '" + connection.archiveFolder() + "' not found"));
                case HOLD -> {
                    owner.check();
                    yield ImapFolders.findOrCreate(store, item.folder());
                }
                case DELETE -> {
                    if (trash == null) {
                        owner.check();
                        trash = ImapFolders.trash(store);
                    }
                    yield trash;
                }
                case LEAVE -> throw new IllegalStateException("LEAVE is never carried out in the mailbox");
            };
        }

        void moveAll(IMAPFolder destination, List<PendingDisposition> items) throws MessagingException {
            // Only a mail an earlier try moved, or began to move, there can be there: only those are searched for.
            List<PendingDisposition> mayBeThere = items.stream().filter(item -> mayBeIn(item, destination)).toList();
            Map<PendingDisposition, Place> there = mayBeThere.isEmpty() ? new HashMap<>()
                    : findAll(destination, mayBeThere);
            Map<String, List<PendingDisposition>> bySource = new LinkedHashMap<>();
            for (PendingDisposition item : items) {
                bySource.computeIfAbsent(sourcesOf(item, destination).get(0), name -> new ArrayList<>()).add(item);
            }
            List<PendingDisposition> left = new ArrayList<>();
            for (Map.Entry<String, List<PendingDisposition>> group : bySource.entrySet()) {
                left.addAll(moveFrom(group.getKey(), destination, group.getValue(), there));
            }
            // Not where they were last seen: looked for in every other folder they may be in, one by one.
            for (PendingDisposition item : left) {
                List<String> others = sourcesOf(item, destination);
                boolean found = false;
                for (String name : others.subList(1, others.size())) {
                    if (moveFrom(name, destination, List.of(item), there).isEmpty()) {
                        found = true;
                        break;
                    }
                }
                if (found) {
                    continue;
                }
                Place place = there.get(item);
                if (place == null && !mayBeThere.contains(item)) {
                    // In none of its folders: looked for where it was to go too, before it counts as gone.
                    place = findAll(destination, List.of(item)).get(item);
                }
                if (place != null) {
                    // Moved before (a repeated command): done.
                    moved(item, destination, place);
                } else {
                    settlement.gaveUp(item, "the message is no longer in the mailbox", false);
                    settled.add(item.commandId());
                }
            }
        }

        /**
         * Moves the items found in the folder to the destination; answers those not found there. An item already in
         * the destination only has this copy expunged: never a second copy.
         */
        private List<PendingDisposition> moveFrom(String name, IMAPFolder destination, List<PendingDisposition> items,
                Map<PendingDisposition, Place> there) throws MessagingException {
            Optional<IMAPFolder> found = ImapFolders.find(store, name);
            if (found.isEmpty()) {
                return items;
            }
            IMAPFolder source = found.get();
            List<PendingDisposition> missing = new ArrayList<>();
            List<PendingDisposition> toMove = new ArrayList<>();
            List<Message> messages = new ArrayList<>();
            List<PendingDisposition> copiedBefore = new ArrayList<>();
            List<Message> copies = new ArrayList<>();
            Map<PendingDisposition, Place> placed = new LinkedHashMap<>();
            source.open(Folder.READ_WRITE);
            try {
                for (PendingDisposition item : items) {
                    Optional<Message> message = locate(source, item);
                    if (message.isEmpty()) {
                        missing.add(item);
                    } else if (there.containsKey(item)) {
                        copiedBefore.add(item);
                        copies.add(message.get());
                    } else {
                        toMove.add(item);
                        messages.add(message.get());
                    }
                }
                if (!copies.isEmpty()) {
                    owner.check();
                    expunge(source, copies);
                    for (PendingDisposition item : copiedBefore) {
                        moved(item, destination, there.get(item));
                    }
                }
                if (!messages.isEmpty()) {
                    List<MailLocation> moving = new ArrayList<>();
                    for (int i = 0; i < toMove.size(); i++) {
                        PendingDisposition item = toMove.get(i);
                        moving.add(new MailLocation(connection.id(), item.immutableId(), item.internetMessageId(),
                                source.getFullName(), source.getUIDValidity(), source.getUID(messages.get(i))));
                    }
                    owner.check();
                    locations.movingTo(connection.id(), moving, destination.getFullName());
                    AppendUID[] uids = move(source, messages, destination);
                    for (int i = 0; i < toMove.size(); i++) {
                        AppendUID uid = uids == null || uids.length <= i ? null : uids[i];
                        placed.put(toMove.get(i), uid != null && uid.uid > 0 ? new Place(uid.uidvalidity, uid.uid)
                                : null);
                    }
                }
            } finally {
                if (source.isOpen()) {
                    source.close(false);
                }
            }
            // After the source is closed: finding a mail the server named no UID for opens the destination.
            for (Map.Entry<PendingDisposition, Place> move : placed.entrySet()) {
                placedIn(move.getKey(), destination, move.getValue());
            }
            return missing;
        }

        /** One UID MOVE for all; refused, or without MOVE, COPY, {@code \Deleted} and UID EXPUNGE of exactly those. */
        private AppendUID[] move(IMAPFolder source, List<Message> messages, IMAPFolder destination)
                throws MessagingException {
            Message[] all = messages.toArray(Message[]::new);
            if (store.hasCapability("MOVE")) {
                try {
                    AppendUID[] moved = source.moveUIDMessages(all, destination);
                    command("move", "done");
                    return moved;
                } catch (MessagingException e) {
                    command("move", "refused");
                    log.info("MOVE of {} mail(s) to {} refused ({}); copying and expunging instead", all.length,
                            destination.getFullName(), e.getMessage());
                }
            }
            AppendUID[] copied = source.copyUIDMessages(all, destination);
            command("copy", "done");
            expunge(source, messages);
            return copied;
        }

        private void expunge(IMAPFolder folder, List<Message> messages) throws MessagingException {
            Message[] all = messages.toArray(Message[]::new);
            folder.setFlags(all, new Flags(Flags.Flag.DELETED), true);
            if (store.hasCapability("UIDPLUS")) {
                folder.expunge(all);
            } else {
                folder.expunge();
            }
            command("expunge", "done");
        }

        /** The result of a move: where the server said the mail went, else found there by its Message-ID. */
        private void placedIn(PendingDisposition item, IMAPFolder destination, Place place) throws MessagingException {
            if (place != null) {
                moved(item, destination, place);
                return;
            }
            // No COPYUID in the answer (no UIDPLUS): the mail is found where it went.
            Place found = findAll(destination, List.of(item)).get(item);
            if (found == null) {
                throw new MessagingException("the mail was moved to " + destination.getFullName()
                        + " but is not found there");
            }
            moved(item, destination, found);
        }

        /** Whether an earlier try moved the mail to the folder, or began to and may have left a copy there. */
        private boolean mayBeIn(PendingDisposition item, IMAPFolder destination) {
            Optional<MailLocation> location = locations.find(connection.id(), item.immutableId());
            String name = destination.getFullName();
            return location.isEmpty() || name.equals(location.get().folder()) || name.equals(location.get().movingTo());
        }

        /** The folders the mail may be in, where the command looks for it: where it was last seen, then as named. */
        private List<String> sourcesOf(PendingDisposition item, IMAPFolder destination) {
            Set<String> names = new LinkedHashSet<>();
            locations.find(connection.id(), item.immutableId()).ifPresent(l -> names.add(l.folder()));
            if (item.currentFolder() != null) {
                names.add(item.currentFolder());
            }
            names.add(connection.sourceFolder());
            names.removeIf(name -> name.equalsIgnoreCase(destination.getFullName()));
            return names.isEmpty() ? List.of(connection.sourceFolder()) : List.copyOf(names);
        }

        void expungeWhereItIs(PendingDisposition item) throws MessagingException {
            String scope = item.currentFolder() != null ? item.currentFolder() : connection.sourceFolder();
            Set<String> names = new LinkedHashSet<>();
            names.add(scope);
            locations.find(connection.id(), item.immutableId()).ifPresent(l -> names.add(l.folder()));
            for (String name : names) {
                Optional<IMAPFolder> folder = ImapFolders.find(store, name);
                if (folder.isEmpty()) {
                    continue;
                }
                folder.get().open(Folder.READ_WRITE);
                try {
                    Optional<Message> message = locate(folder.get(), item);
                    if (message.isPresent()) {
                        expunge(folder.get(), List.of(message.get()));
                        locations.forget(connection.id(), item.immutableId());
                        settlement.deleted(item);
                        settled.add(item.commandId());
                        return;
                    }
                } finally {
                    folder.get().close(false);
                }
            }
            settlement.gaveUp(item, "the message is no longer in folder '" + scope + "'", false);
            settled.add(item.commandId());
        }

        private void moved(PendingDisposition item, IMAPFolder destination, Place place) {
            String folder = destination.getFullName();
            String url = ImapIdentity.url(connection.imap(), folder, place.uidValidity(), place.uid());
            locations.moved(new MailLocation(connection.id(), item.immutableId(), item.internetMessageId(), folder,
                    place.uidValidity(), place.uid()));
            switch (item.action()) {
                case ARCHIVE -> settlement.archived(item, item.immutableId(), url, connection.archiveFolder(), url);
                case HOLD -> settlement.held(item, item.immutableId(), url, url);
                case DELETE, LEAVE -> settlement.deleted(item);
            }
            settled.add(item.commandId());
        }

        /** Where each item is in the folder, for those that are there; the folder opened once for all. */
        private Map<PendingDisposition, Place> findAll(IMAPFolder folder, List<PendingDisposition> items)
                throws MessagingException {
            Map<PendingDisposition, Place> found = new HashMap<>();
            folder.open(Folder.READ_ONLY);
            try {
                long uidValidity = folder.getUIDValidity();
                for (PendingDisposition item : items) {
                    Optional<Message> message = locate(folder, item);
                    if (message.isPresent()) {
                        found.put(item, new Place(uidValidity, folder.getUID(message.get())));
                    }
                }
            } finally {
                folder.close(false);
            }
            return found;
        }

        /** The mail in the open folder: where it was last seen there, else by its Message-ID and immutable id. */
        private Optional<Message> locate(IMAPFolder folder, PendingDisposition item) throws MessagingException {
            long uidValidity = folder.getUIDValidity();
            Optional<MailLocation> known = locations.find(connection.id(), item.immutableId())
                    .filter(l -> l.folder().equals(folder.getFullName()) && l.uidValidity() == uidValidity);
            if (known.isPresent()) {
                Message message = folder.getMessageByUID(known.get().uid());
                if (message != null && same(message, item)) {
                    return Optional.of(message);
                }
            }
            for (Message message : folder.search(new MessageIDTerm(item.internetMessageId()))) {
                if (same(message, item)) {
                    return Optional.of(message);
                }
            }
            return Optional.empty();
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
