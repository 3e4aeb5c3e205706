package org.mailtrail.matcher.testdata;

import static org.mailtrail.matcher.testdata.DemoDirectory.ANNA;
import static org.mailtrail.matcher.testdata.DemoDirectory.LARS;
import static org.mailtrail.matcher.testdata.DemoDirectory.MIA;
import static org.mailtrail.matcher.testdata.DemoDirectory.OLE;
import static org.mailtrail.matcher.testdata.DemoDirectory.STRANGER;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.mailtrail.events.mail.Disposition;
import org.mailtrail.events.mail.MailReceived;
import org.mailtrail.matcher.interactionlog.domain.LogIds;

/**
 * A mailbox's worth of mail over {@link DemoDirectory}: eight kinds of mail in turn, each with the
 * interactions and the disposition Business Central's rules give it.
 */
public final class AcceptanceMails {

    /** One mail and what must come of it. */
    public record Expected(MailReceived mail, List<String> interactionIds, Disposition disposition) {
    }

    public static List<Expected> of(String connectionId, int count) {
        List<Expected> mails = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Mails mail = Mails.mail().connection(connectionId).id("<acceptance-" + i + "@" + connectionId + ">")
                    .sentAt(Instant.parse("2026-11-27T08:00:00Z").plusSeconds(i * 60L))
                    .receivedAt(Instant.parse("2026-11-27T08:00:03Z").plusSeconds(i * 60L));
            List<String[]> pairs = switch (i % 8) {
                case 0 -> {
                    mail.from(ANNA).to(LARS, MIA);
                    yield List.of(new String[] { "CT101", "AB" }, new String[] { "CT102", "AB" });
                }
                case 1 -> {
                    mail.from(LARS).to(ANNA).cc(OLE);
                    yield List.of(new String[] { "CT101", "AB" }, new String[] { "CT101", "OD" });
                }
                case 2 -> {
                    mail.from(ANNA).to(LARS, STRANGER);
                    yield List.<String[]>of(new String[] { "CT101", "AB" });
                }
                case 3 -> {
                    mail.from(LARS).to(MIA);
                    yield List.<String[]>of();
                }
                case 4 -> {
                    mail.from(STRANGER).to(ANNA);
                    yield List.<String[]>of();
                }
                case 5 -> {
                    mail.from(ANNA).to(LARS).draft();
                    yield List.<String[]>of();
                }
                case 6 -> {
                    mail.from(ANNA).to(OLE);
                    yield List.<String[]>of();
                }
                default -> {
                    mail.from(ANNA).to(LARS).cc(LARS.toUpperCase());
                    yield List.<String[]>of(new String[] { "CT101", "AB" });
                }
            };
            MailReceived built = mail.build();
            List<String> ids = pairs.stream().map(pair -> LogIds.interactionId(connectionId,
                    built.internetMessageId(), pair[0], pair[1])).toList();
            mails.add(new Expected(built, ids, ids.isEmpty() ? Disposition.DELETE : Disposition.ARCHIVE));
        }
        return mails;
    }

    private AcceptanceMails() {
    }
}
