package org.mailtrail.config.check.domain;

import org.mailtrail.config.connection.domain.ConnectionSettings;
import org.mailtrail.events.config.ImapSecurity;

/**
 * What to do about a failed IMAP check, in the words of an Exchange Server administrator first (the server most
 * IMAP connections read), then of Exchange Online, then of any IMAP server.
 */
final class ImapRemedies {

    static final String TRUST_STORE = "MAILTRAIL_IMAP_TRUST_STORE (with MAILTRAIL_IMAP_TRUST_STORE_PASSWORD and "
            + "MAILTRAIL_IMAP_TRUST_STORE_TYPE)";

    static String forUnknownHost(ConnectionSettings settings) {
        return "Check imap.host (" + settings.imap().host() + ") and the DNS config-service uses. Exchange Server: the"
                + " IMAP4 host names clients are told are in Get-ImapSettings | Format-List"
                + " ExternalConnectionSettings,InternalConnectionSettings. Exchange Online: outlook.office365.com.";
    }

    static String forClosedPort(ConnectionSettings settings) {
        return "Nothing answers on port " + settings.imap().port() + ". Exchange Server: the IMAP4 services are not"
                + " started by default; start both and keep them started: Start-Service MSExchangeIMAP4;"
                + " Start-Service MSExchangeIMAP4BE; Set-Service MSExchangeIMAP4 -StartupType Automatic;"
                + " Set-Service MSExchangeIMAP4BE -StartupType Automatic. Check the port (993 for TLS, 143 for STARTTLS)"
                + " and that firewalls between config-service and the server let it through.";
    }

    static String forUntrustedCertificate(ConnectionSettings settings) {
        return "The server's certificate is not signed by a CA config-service trusts. Exchange Server: give IMAP4 a"
                + " certificate from your company's CA or a public one (Set-ImapSettings -X509CertificateName "
                + settings.imap().host() + ", then Restart-Service MSExchangeIMAP4; Restart-Service MSExchangeIMAP4BE),"
                + " and let mailtrail trust your company's CA: put its certificate in a trust store named by "
                + TRUST_STORE + ".";
    }

    static String forHostNameMismatch(ConnectionSettings settings) {
        return "The server's certificate is not issued for " + settings.imap().host() + ". Either name the server in"
                + " imap.host as its certificate does, or give IMAP4 a certificate for this name (Exchange Server:"
                + " Set-ImapSettings -X509CertificateName " + settings.imap().host() + ", then Restart-Service"
                + " MSExchangeIMAP4; Restart-Service MSExchangeIMAP4BE).";
    }

    static String forHandshake(ConnectionSettings settings) {
        if (settings.imap().security() == ImapSecurity.TLS) {
            return "No TLS handshake on port " + settings.imap().port() + ": if the port speaks plain IMAP, use"
                    + " security STARTTLS (port 143) or the server's TLS port (993). Exchange Server: Get-ImapSettings"
                    + " shows SSLBindings (993) and UnencryptedOrTLSBindings (143).";
        }
        return "The STARTTLS handshake failed: check the server's TLS setup (Exchange Server: Get-ImapSettings,"
                + " Set-ImapSettings -X509CertificateName) and the TLS versions it allows.";
    }

    static String forNoStartTls() {
        return "mailtrail never signs in over an unencrypted connection. Exchange Server: offer TLS on IMAP4"
                + " (Set-ImapSettings -X509CertificateName <the server's name>, and -LoginType SecureLogin so that"
                + " no client signs in in plaintext), then Restart-Service MSExchangeIMAP4; Restart-Service"
                + " MSExchangeIMAP4BE. Or use security TLS on the server's TLS port (993).";
    }

    static String forRefusedPassword(ConnectionSettings settings) {
        String user = settings.imap().username();
        return "Check imap.username (Exchange Server takes DOMAIN\\user, the user principal name, or DOMAIN\\user\\alias"
                + " for a shared mailbox) and the password. Exchange Server: IMAP4 must be enabled for the mailbox"
                + " (Set-CASMailbox " + user + " -ImapEnabled $true) and sign-in allowed over TLS (Set-ImapSettings"
                + " -LoginType SecureLogin, then Restart-Service MSExchangeIMAP4; Restart-Service MSExchangeIMAP4BE).";
    }

    static String forRefusedToken(ConnectionSettings settings) {
        return "Exchange Online refused the app's token for " + settings.imap().username() + ". The app ("
                + settings.clientId() + ") needs the application permission IMAP.AccessAsApp of Office 365 Exchange"
                + " Online with admin consent, and its service principal Full Access to the mailbox: New-ServicePrincipal"
                + " -AppId " + settings.clientId() + " -ObjectId <the enterprise application's object id>, then"
                + " Add-MailboxPermission -Identity " + settings.mailbox() + " -User <the service principal's id>"
                + " -AccessRights FullAccess. IMAP must be enabled for the mailbox (Set-CASMailbox "
                + settings.mailbox() + " -ImapEnabled $true).";
    }

    static String forNoPassword() {
        return "Set the account's password as password, or reference it with passwordRef (env:, file:, keyvault:).";
    }

    static String forMissingSourceFolder(ConnectionSettings settings) {
        return "Name the folder mail arrives in as IMAP names it: inbox (INBOX), or a path with the server's separator"
                + " (Exchange: INBOX/CRM or a top-level folder's name). The folder must exist in "
                + settings.imap().username() + "'s mailbox.";
    }

    static String forMissingArchiveFolder() {
        return "Create the folder in the mailbox, name an existing one, or run the check with createArchiveFolder=true"
                + " to have it created.";
    }

    private ImapRemedies() {
    }
}
