package org.mailtrail.config.check.domain;

import java.util.Map;

import org.mailtrail.config.connection.domain.Connection;
import org.mailtrail.config.secret.domain.SecretReference;
import org.mailtrail.config.token.domain.TokenAcquisitionException;
import org.mailtrail.events.config.AuthMode;

/** What to do about a failed check, in the words an administrator of Entra and Exchange understands. */
final class Remedies {

    /** Entra's AADSTS numbers that mean the same fix. */
    private static final Map<String, String> BY_AADSTS = Map.ofEntries(
            Map.entry("7000215", "The client secret is wrong: copy the secret's Value (not its ID) from the app registration (Certificates & secrets) and set it again."),
            Map.entry("7000222", "The client secret has expired: create a new one in the app registration (Certificates & secrets) and set it."),
            Map.entry("700016", "Entra knows no app with this clientId in the tenant: check clientId and tenantId, and that the app is registered (or consented) in that tenant."),
            Map.entry("90002", "Entra knows no such tenant: check tenantId, and authorityHost for a sovereign cloud."),
            Map.entry("50011", "The redirectUrl is not registered for the app: add it under Authentication > Redirect URIs."),
            Map.entry("500113", "The app has no redirect URI: add this service's /oauth/callback under Authentication > Redirect URIs."),
            Map.entry("65001", "Consent is missing: have an administrator grant consent for the app's permissions."),
            Map.entry("70008", "The stored consent has expired: give consent again (GET /api/connections/{id}/consent)."),
            Map.entry("9002313", "The stored consent is no longer valid: give consent again (GET /api/connections/{id}/consent)."),
            Map.entry("54005", "The authorization code was used already: give consent again (GET /api/connections/{id}/consent)."),
            Map.entry("700082", "The refresh token expired after inactivity: give consent again (GET /api/connections/{id}/consent)."),
            Map.entry("1002012", "Entra refused the scope: check graphBaseUrl (the Graph of the tenant's cloud)."));

    static String forToken(TokenAcquisitionException e, Connection connection) {
        String consent = "GET /api/connections/" + connection.id() + "/consent";
        switch (e.reason()) {
            case NO_SECRET:
                return "Set the app's client secret (clientSecret or clientSecretRef).";
            case SECRET_UNAVAILABLE:
                return connection.clientSecret() != null && connection.clientSecret().isReference()
                        ? forReference(connection.clientSecret().reference())
                        : "Set the secret again, or give the service the master keyset that contains the key it was stored with.";
            case NO_CONSENT:
                return "Give consent: open " + consent + " in a browser as an administrator and sign in with an account that has Full Access to " + connection.settings().mailbox() + ".";
            case UNREACHABLE:
                return "Check authorityHost (" + connection.settings().authorityHost() + "), the network path to it and the trust store for a private endpoint.";
            default:
                String known = e.code() == null ? null : BY_AADSTS.get(e.code());
                if (known != null) {
                    return known.replace("GET /api/connections/{id}/consent", consent);
                }
                if (connection.settings().authMode() == AuthMode.DELEGATED && e.getMessage().contains("invalid_grant")) {
                    return "The stored consent is no longer valid: give consent again (" + consent + ").";
                }
                return "Check the app registration in Entra (tenantId, clientId, secret, permissions); Entra's answer is in the message.";
        }
    }

    static String forReference(SecretReference reference) {
        if (reference instanceof SecretReference.Environment env) {
            return "Set the environment variable " + env.name() + " for config-service (e.g. from a Kubernetes Secret) and restart it.";
        }
        if (reference instanceof SecretReference.File file) {
            return "Mount the secret at " + file.path() + " (e.g. a Kubernetes Secret volume) readable by config-service.";
        }
        return "Give config-service's identity 'get' permission on the secret in " + ((SecretReference.KeyVault) reference).vaultUrl()
                + " (Key Vault Secrets User role) and check the secret's name and version.";
    }

    static String forMailboxAccess(Connection connection) {
        if (connection.settings().authMode() == AuthMode.APPLICATION) {
            String mailbox = connection.settings().mailbox();
            String app = connection.settings().clientId();
            return "Give the app access to " + mailbox + " in one of two ways. Exchange Online's RBAC for Applications"
                    + " (scoped to this mailbox, nothing granted in Entra): New-ManagementRoleAssignment -App " + app
                    + " -Role \"Application Mail.ReadWrite\" -CustomResourceScope <a management scope holding "
                    + mailbox + ">, then Test-ServicePrincipalAuthorization -Identity " + app + " -Resource " + mailbox
                    + ". Or the application permission Mail.ReadWrite in Entra with admin consent; if an application"
                    + " access policy limits the app, the mailbox must be in its scope (Test-ApplicationAccessPolicy"
                    + " -Identity " + mailbox + " -AppId " + app + ").";
        }
        return "The consenting user needs Full Access to " + connection.settings().mailbox()
                + " (Add-MailboxPermission) and the app the delegated permission Mail.ReadWrite.Shared; then give consent again.";
    }

    static String forWriteAccess(Connection connection) {
        String mailbox = connection.settings().mailbox();
        String app = connection.settings().clientId();
        if (connection.settings().authMode() == AuthMode.APPLICATION) {
            return "The app needs Mail.ReadWrite, not only Mail.Read, to move logged mail out of " + mailbox
                    + ". With Exchange Online's RBAC for Applications: New-ManagementRoleAssignment -App " + app
                    + " -Role \"Application Mail.ReadWrite\" -CustomResourceScope <the scope holding " + mailbox
                    + ">. With a permission in Entra: add the application permission Mail.ReadWrite and grant admin"
                    + " consent.";
        }
        return "The app needs the delegated permission Mail.ReadWrite.Shared and the consenting user Full Access to "
                + mailbox + " (Add-MailboxPermission); then give consent again (GET /api/connections/{id}/consent).";
    }

    static String forGraphStatus(int status) {
        if (status == 401) {
            return "Graph refused the token: check that graphBaseUrl belongs to the same cloud as authorityHost.";
        }
        if (status == 429 || status == 503 || status == 504) {
            return "Graph is throttling or busy; run the check again in a minute.";
        }
        return "See Graph's error in the message.";
    }

    private Remedies() {
    }
}
