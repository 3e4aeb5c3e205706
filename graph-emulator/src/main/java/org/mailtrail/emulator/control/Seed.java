package org.mailtrail.emulator.control;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.mailtrail.emulator.http.Json;
import org.mailtrail.emulator.identity.AppRegistration;
import org.mailtrail.emulator.identity.MailAccess;
import org.mailtrail.emulator.mailbox.Mail;

/**
 * What to load into an emulator: tenants with their app registrations and mailboxes, and the mail already in
 * those mailboxes. The JSON form is the seed file format (see the README).
 */
public record Seed(List<Tenant> tenants) {

    public Seed {
        tenants = tenants == null ? List.of() : List.copyOf(tenants);
    }

    /**
     * @param domains domain names that also name the tenant in authority URLs and own its mailboxes' addresses
     */
    public record Tenant(String id, List<String> domains, List<App> apps, List<Mailbox> mailboxes) {
        public Tenant {
            domains = domains == null ? List.of() : List.copyOf(domains);
            apps = apps == null ? List.of() : List.copyOf(apps);
            mailboxes = mailboxes == null ? List.of() : List.copyOf(mailboxes);
        }
    }

    /**
     * @param clientSecret {@code null} for a public client (PKCE only)
     * @param mailboxes    the mailboxes it may access, or {@code ["*"]} for all of its tenant
     * @param access       {@code "entra"} (an application permission, in the token's roles; the default) or
     *                     {@code "rbac"} (Exchange's RBAC for Applications; no mail role in the token)
     * @param permission   {@code "Mail.ReadWrite"} (the default) or {@code "Mail.Read"}
     */
    public record App(String clientId, String clientSecret, String displayName, List<String> mailboxes,
                      List<String> redirectUris, String access, String permission) {
        public App {
            mailboxes = mailboxes == null ? List.of() : List.copyOf(mailboxes);
            redirectUris = redirectUris == null ? List.of() : List.copyOf(redirectUris);
            MailAccess.of(access);
        }

        /** An app with Mail.ReadWrite granted in Entra. */
        public App(String clientId, String clientSecret, String displayName, List<String> mailboxes,
                   List<String> redirectUris) {
            this(clientId, clientSecret, displayName, mailboxes, redirectUris, null, null);
        }

        /** An app given Mail.ReadWrite on the mailboxes by Exchange's RBAC for Applications only. */
        public static App rbac(String clientId, String clientSecret, String... mailboxes) {
            return new App(clientId, clientSecret, null, List.of(mailboxes), List.of(), "rbac", null);
        }

        /** An app that may read the mailboxes' mail but not change it (Mail.Read in Entra). */
        public static App readOnly(String clientId, String clientSecret, String... mailboxes) {
            return new App(clientId, clientSecret, null, List.of(mailboxes), List.of(), "entra", AppRegistration.READ);
        }
    }

    /**
     * @param id       the user's object id; made from the address when left out
     * @param folders  custom folders to create, nested with {@code /} ({@code "Customers/Key accounts"})
     * @param messages mail already in the mailbox; each goes to its {@code folder}, the inbox by default
     */
    public record Mailbox(String address, String displayName, String id, List<String> folders, List<Mail> messages) {
        public Mailbox {
            folders = folders == null ? List.of() : List.copyOf(folders);
            messages = messages == null ? List.of() : List.copyOf(messages);
        }
    }

    public static Seed parse(byte[] json) {
        return Json.MAPPER.readValue(json, Seed.class);
    }

    public static Seed read(Path file) {
        try {
            return parse(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A seed bundled in the jar, e.g. {@code demo} for {@code /org/mailtrail/emulator/seeds/demo.json}. */
    public static Seed bundled(String name) {
        String resource = "/org/mailtrail/emulator/seeds/" + (name.endsWith(".json") ? name : name + ".json");
        try (InputStream in = Seed.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no bundled seed " + name);
            }
            return parse(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int messageCount() {
        return tenants.stream().flatMap(t -> t.mailboxes().stream()).mapToInt(m -> m.messages().size()).sum();
    }

    public int appCount() {
        return tenants.stream().mapToInt(t -> t.apps().size()).sum();
    }

    public int mailboxCount() {
        return tenants.stream().mapToInt(t -> t.mailboxes().size()).sum();
    }
}
