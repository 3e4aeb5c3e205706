package org.mailtrail.emulator.control;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;

import org.mailtrail.emulator.faults.Fault;
import org.mailtrail.emulator.faults.FaultInjector;
import org.mailtrail.emulator.faults.NotificationFault;
import org.mailtrail.emulator.faults.NotificationFaults;
import org.mailtrail.emulator.identity.AppRegistration;
import org.mailtrail.emulator.identity.MailAccess;
import org.mailtrail.emulator.identity.Directory;
import org.mailtrail.emulator.identity.TokenService;
import org.mailtrail.emulator.mailbox.Mail;
import org.mailtrail.emulator.mailbox.Mailbox;
import org.mailtrail.emulator.mailbox.MailboxService;
import org.mailtrail.emulator.mailbox.MessageView;
import org.mailtrail.emulator.metrics.Counters;
import org.mailtrail.emulator.metrics.CountersSnapshot;
import org.mailtrail.emulator.metrics.RequestRecord;
import org.mailtrail.emulator.subscription.LifecycleEvent;
import org.mailtrail.emulator.subscription.Subscription;
import org.mailtrail.emulator.subscription.SubscriptionService;
import org.mailtrail.emulator.throttling.RetryAfterTracker;
import org.mailtrail.emulator.throttling.Throttle;
import org.mailtrail.emulator.throttling.ThrottlePolicy;

/** Every control operation; the JSON API and {@code GraphEmulator}'s Java methods both call these. */
public final class EmulatorControl {

    private final Directory directory;
    private final TokenService tokens;
    private final MailboxService mailboxes;
    private final SubscriptionService subscriptions;
    private final FaultInjector faults;
    private final NotificationFaults notificationFaults;
    private final Throttle throttle;
    private final RetryAfterTracker retryAfter;
    private final Counters counters;

    public EmulatorControl(Directory directory, TokenService tokens, MailboxService mailboxes,
                           SubscriptionService subscriptions, FaultInjector faults, NotificationFaults notificationFaults,
                           Throttle throttle, RetryAfterTracker retryAfter, Counters counters) {
        this.directory = directory;
        this.tokens = tokens;
        this.mailboxes = mailboxes;
        this.subscriptions = subscriptions;
        this.faults = faults;
        this.notificationFaults = notificationFaults;
        this.throttle = throttle;
        this.retryAfter = retryAfter;
        this.counters = counters;
    }

    /** Adds what the seed describes; tenants, apps and mailboxes that exist already are kept and extended. */
    public void seed(Seed seed) {
        for (Seed.Tenant tenant : seed.tenants()) {
            if (tenant.id() == null) {
                throw new IllegalArgumentException("every tenant of a seed needs an id");
            }
            directory.addTenant(new org.mailtrail.emulator.identity.Tenant(tenant.id(), tenant.domains()));
            for (Seed.Mailbox mailbox : tenant.mailboxes()) {
                if (mailbox.address() == null) {
                    throw new IllegalArgumentException("every mailbox of a seed needs an address");
                }
                Mailbox created = mailboxes.create(tenant.id().toLowerCase(java.util.Locale.ROOT), mailbox.address(),
                        mailbox.displayName(), mailbox.id());
                mailbox.folders().forEach(path -> mailboxes.ensureFolder(created, path));
                mailbox.messages().forEach(mail -> mailboxes.deliver(created, mail));
            }
            for (Seed.App app : tenant.apps()) {
                if (app.clientId() == null) {
                    throw new IllegalArgumentException("every app of a seed needs a clientId");
                }
                directory.addApp(new AppRegistration(tenant.id(), app.clientId(), app.clientSecret(), app.displayName(),
                        new HashSet<>(app.mailboxes()), app.redirectUris(), MailAccess.of(app.access()),
                        app.permission()));
            }
        }
    }

    public MessageView deliver(String mailbox, Mail mail) {
        return mailboxes.deliver(mailbox(mailbox), mail);
    }

    /** Delivers {@code count} mails made by {@code mail} from their number (1-based), in order. */
    public List<MessageView> deliver(String mailbox, int count, IntFunction<Mail> mail) {
        Mailbox target = mailbox(mailbox);
        List<MessageView> delivered = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            delivered.add(mailboxes.deliver(target, mail.apply(i)));
        }
        return delivered;
    }

    public List<MessageView> messages(String mailbox, String folder) {
        return mailboxes.messages(mailbox(mailbox), folder);
    }

    /** Moves a message as a user of the mailbox would, in Outlook; answers where it is now. */
    public MessageView move(String mailbox, String id, String folder) {
        Mailbox box = mailbox(mailbox);
        mailboxes.move(box, null, id, folder, MailboxService.Render.DEFAULT);
        return mailboxes.message(box, id).orElseThrow();
    }

    /** Soft-deleted mail, which Graph's folder APIs do not show. */
    public List<MessageView> recoverableItems(String mailbox) {
        return mailboxes.recoverableItems(mailbox(mailbox));
    }

    public Optional<MessageView> message(String mailbox, String id) {
        return mailboxes.message(mailbox(mailbox), id);
    }

    public String createFolder(String mailbox, String path) {
        return mailboxes.ensureFolder(mailbox(mailbox), path);
    }

    public List<Mailbox> mailboxes() {
        return mailboxes.mailboxes();
    }

    public long injectFault(Fault fault) {
        return faults.add(fault);
    }

    public boolean removeFault(long id) {
        return faults.remove(id);
    }

    public void clearFaults() {
        faults.clear();
    }

    public List<FaultInjector.Active> faults() {
        return faults.active();
    }

    public void injectNotificationFault(NotificationFault fault) {
        notificationFaults.add(fault);
    }

    public void clearNotificationFaults() {
        notificationFaults.clear();
    }

    public List<NotificationFault> notificationFaults() {
        return notificationFaults.active();
    }

    /** Forgets delta sync state, of one mailbox or of all ({@code null}); the next use of a link answers 410. */
    public int evictDeltaTokens(String mailbox) {
        return mailboxes.deltaTokens().evict(mailbox == null ? null : mailbox(mailbox).id());
    }

    public List<Subscription> subscriptions() {
        return subscriptions.all();
    }

    /** Removes a subscription as Graph may at any time, and sends {@code subscriptionRemoved}. */
    public Subscription removeSubscription(String id) {
        return subscriptions.remove(id);
    }

    /**
     * Sends a lifecycle notification. With {@code pauseUntilReauthorized}, a {@code reauthorizationRequired}
     * also stops the subscription's change notifications until the app reauthorizes or renews it.
     */
    public void sendLifecycleNotification(String id, LifecycleEvent event, boolean pauseUntilReauthorized) {
        subscriptions.lifecycle(id, event, pauseUntilReauthorized);
    }

    public int expireSubscriptions() {
        return subscriptions.sweepExpired();
    }

    public CountersSnapshot counters() {
        return counters.snapshot();
    }

    public List<RequestRecord> earlyRequests() {
        return counters.earlyRequests();
    }

    public List<RequestRecord> requestLog() {
        return counters.requestLog();
    }

    /** Zeroes the counters, empties the request log and forgets pending Retry-Afters. */
    public void resetCounters() {
        counters.reset();
        retryAfter.reset();
    }

    public void expireAccessTokens() {
        tokens.expireIssuedTokens();
    }

    public ThrottlePolicy throttling() {
        return throttle.policy();
    }

    public void throttling(ThrottlePolicy policy) {
        throttle.policy(policy);
    }

    private Mailbox mailbox(String address) {
        return mailboxes.find(address).orElseThrow(() -> new IllegalArgumentException("no mailbox " + address));
    }

    public List<AppRegistration> apps() {
        return directory.apps();
    }
}
