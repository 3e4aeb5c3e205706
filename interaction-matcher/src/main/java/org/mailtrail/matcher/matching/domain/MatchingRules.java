package org.mailtrail.matcher.matching.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.mailtrail.events.interaction.Direction;
import org.mailtrail.events.interaction.MatchedBy;
import org.mailtrail.events.mail.EmailAddress;
import org.mailtrail.events.mail.MailReceived;
import org.mailtrail.matcher.directory.domain.Addresses;
import org.mailtrail.matcher.directory.domain.ContactHit;
import org.mailtrail.matcher.directory.domain.DirectoryLookup;
import org.mailtrail.matcher.directory.domain.Salesperson;
import org.mailtrail.matcher.matching.domain.Match.Excluded;
import org.mailtrail.matcher.matching.domain.Match.Logged;

/**
 * Business Central's e-mail logging rules (codeunit "Email Logging Invoke"), as the module README states them:
 * <ol>
 * <li>drafts, mail without a sender and mail without a To/Cc recipient are not logged; Bcc is
 * never read, and the participant who sent is {@code sender}, not {@code from};</li>
 * <li>addresses compare case-insensitively after trimming; a recipient listed twice counts once;</li>
 * <li>a salesperson sender makes the mail OUTBOUND with one interaction per recipient that is a
 * contact; otherwise a contact sender makes it INBOUND with one interaction per recipient that is
 * a salesperson; anything else is not logged;</li>
 * <li>the interaction happened at sentDateTime (outbound) or receivedDateTime (inbound).</li>
 * </ol>
 * The connection's extensions (domain fallback, blocklist, privacy blocking) only ever remove
 * matches or add a company match for an address nobody has; with all of them off the outcome is
 * Business Central's.
 */
public final class MatchingRules {

    private final DirectoryLookup directory;

    public MatchingRules(DirectoryLookup directory) {
        this.directory = directory;
    }

    public Match match(MailReceived mail, MatchingPolicy policy) {
        if (mail.isDraft()) {
            return new Excluded(ExclusionRule.DRAFT, null);
        }
        String sender = mail.sender() == null ? null : Addresses.normalize(mail.sender().address());
        if (sender == null) {
            return new Excluded(ExclusionRule.NO_SENDER, null);
        }
        List<String> recipients = recipients(mail);
        if (recipients.isEmpty()) {
            return new Excluded(ExclusionRule.NO_RECIPIENTS, null);
        }
        if (policy.isBlocked(sender)) {
            return new Excluded(ExclusionRule.BLOCKED, sender);
        }
        Optional<Salesperson> salesperson = directory.salespersonAt(sender);
        if (salesperson.isPresent()) {
            return outbound(mail, salesperson.get(), recipients, policy);
        }
        Optional<ContactHit> contact = contactAt(sender, policy);
        if (contact.isPresent()) {
            return inbound(mail, contact.get(), recipients, policy);
        }
        boolean internalOnly = policy.isInternal(sender) && allInternal(recipients, policy);
        return new Excluded(internalOnly ? ExclusionRule.INTERNAL_ONLY : ExclusionRule.UNKNOWN_SENDER, sender);
    }

    private Match outbound(MailReceived mail, Salesperson salesperson, List<String> recipients, MatchingPolicy policy) {
        Map<String, MatchedInteraction> byContact = new LinkedHashMap<>();
        List<String> privacyBlocked = new ArrayList<>();
        List<String> blocked = new ArrayList<>();
        for (String recipient : recipients) {
            Optional<ContactHit> found = contactAt(recipient, policy);
            if (found.isEmpty()) {
                continue;
            }
            ContactHit hit = found.get();
            if (policy.isBlocked(recipient)) {
                blocked.add(recipient);
            } else if (policy.privacyBlocking() && hit.contact().privacyBlocked()) {
                privacyBlocked.add(recipient);
            } else {
                // Two addresses of one contact (primary and alternate) still make one interaction.
                byContact.putIfAbsent(hit.contact().id(), new MatchedInteraction(hit.contact(), salesperson,
                        hit.matchedBy(), recipient, hit.otherCandidates()));
            }
        }
        if (!byContact.isEmpty()) {
            return new Logged(Direction.OUTBOUND, firstOf(mail.sentDateTime(), mail.receivedDateTime(), mail.occurredAt()),
                    List.copyOf(byContact.values()));
        }
        if (!privacyBlocked.isEmpty()) {
            return new Excluded(ExclusionRule.PRIVACY_BLOCKED, String.join(", ", privacyBlocked));
        }
        if (!blocked.isEmpty()) {
            return new Excluded(ExclusionRule.BLOCKED, String.join(", ", blocked));
        }
        return new Excluded(allInternal(recipients, policy) ? ExclusionRule.INTERNAL_ONLY
                : ExclusionRule.NO_CONTACT_RECIPIENT, null);
    }

    private Match inbound(MailReceived mail, ContactHit contact, List<String> recipients, MatchingPolicy policy) {
        if (policy.privacyBlocking() && contact.contact().privacyBlocked()) {
            return new Excluded(ExclusionRule.PRIVACY_BLOCKED, contact.address());
        }
        Map<String, MatchedInteraction> bySalesperson = new LinkedHashMap<>();
        List<String> blocked = new ArrayList<>();
        for (String recipient : recipients) {
            Optional<Salesperson> salesperson = directory.salespersonAt(recipient);
            if (salesperson.isEmpty()) {
                continue;
            }
            if (policy.isBlocked(recipient)) {
                blocked.add(recipient);
            } else {
                bySalesperson.putIfAbsent(salesperson.get().code(), new MatchedInteraction(contact.contact(),
                        salesperson.get(), contact.matchedBy(), contact.address(), contact.otherCandidates()));
            }
        }
        if (!bySalesperson.isEmpty()) {
            return new Logged(Direction.INBOUND, firstOf(mail.receivedDateTime(), mail.sentDateTime(), mail.occurredAt()),
                    List.copyOf(bySalesperson.values()));
        }
        if (!blocked.isEmpty()) {
            return new Excluded(ExclusionRule.BLOCKED, String.join(", ", blocked));
        }
        return new Excluded(ExclusionRule.CONTACT_TO_CONTACT, contact.address());
    }

    /**
     * A contact by its own address; failing that, and only where the connection allows it, the
     * company owning the address's domain. A salesperson's address never falls back.
     */
    private Optional<ContactHit> contactAt(String address, MatchingPolicy policy) {
        Optional<ContactHit> direct = directory.contactAt(address);
        if (direct.isPresent()) {
            return direct;
        }
        String domain = Addresses.domainOf(address);
        if (!policy.mayFallBackTo(domain) || directory.salespersonAt(address).isPresent()) {
            return Optional.empty();
        }
        return directory.companyOwning(domain).map(company -> new ContactHit(company, MatchedBy.DOMAIN, address, List.of()));
    }

    private boolean allInternal(List<String> recipients, MatchingPolicy policy) {
        return recipients.stream()
                .allMatch(address -> policy.isInternal(address) || directory.salespersonAt(address).isPresent());
    }

    /** To and Cc in order, normalized, each address once. Bcc is not part of the contract at all. */
    private static List<String> recipients(MailReceived mail) {
        Set<String> distinct = new LinkedHashSet<>();
        Stream.concat(mail.toRecipients().stream(), mail.ccRecipients().stream())
                .map(EmailAddress::address).map(Addresses::normalize)
                .forEach(address -> {
                    if (address != null) {
                        distinct.add(address);
                    }
                });
        return List.copyOf(distinct);
    }

    private static Instant firstOf(Instant preferred, Instant fallback, Instant last) {
        return preferred != null ? preferred : fallback != null ? fallback : last;
    }
}
