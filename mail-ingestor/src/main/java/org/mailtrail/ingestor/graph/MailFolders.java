package org.mailtrail.ingestor.graph;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import com.microsoft.graph.models.MailFolder;
import com.microsoft.graph.models.MailFolderCollectionResponse;

/**
 * Turns a configured folder into what Graph takes in a path or a {@code destinationId}: a well-known name
 * ({@code inbox}, {@code archive}) or an id as it is, a display-name path ({@code Customers/2026}) looked up
 * once per connection.
 */
@Component
public class MailFolders {

    private static final Set<String> WELL_KNOWN = Set.of("archive", "clutter", "conflicts", "conversationhistory",
            "deleteditems", "drafts", "inbox", "junkemail", "localfailures", "msgfolderroot", "outbox",
            "recoverableitemsdeletions", "scheduled", "searchfolders", "sentitems", "serverfailures", "syncissues");

    /** Graph's folder ids are long base64 strings; a display name has spaces, or is short. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9+/=_-]{40,}");

    private final Map<String, String> resolved = new ConcurrentHashMap<>();

    /** The folder as Graph takes it; throws {@link FolderNotFoundException} for a path that does not exist. */
    public String reference(MailboxGraph graph, String folder) {
        String trimmed = folder.trim();
        String wellKnown = trimmed.toLowerCase(Locale.ROOT).replace(" ", "");
        if (WELL_KNOWN.contains(wellKnown) && !trimmed.contains("/")) {
            return wellKnown;
        }
        if (ID.matcher(trimmed).matches()) {
            return trimmed;
        }
        String key = graph.connectionId() + "|" + graph.mailbox() + "|" + trimmed;
        String cached = resolved.get(key);
        if (cached != null) {
            return cached;
        }
        String id = lookUp(graph, trimmed);
        resolved.put(key, id);
        return id;
    }

    /** Forgets what was looked up for a connection, whose folders may have changed. */
    public void forget(String connectionId) {
        resolved.keySet().removeIf(key -> key.startsWith(connectionId + "|"));
    }

    private static String lookUp(MailboxGraph graph, String path) {
        String parent = null;
        for (String name : path.split("/")) {
            String filter = "displayName eq '" + name.trim().replace("'", "''") + "'";
            String parentId = parent;
            MailFolderCollectionResponse page = graph.call(() -> parentId == null
                    ? graph.client().users().byUserId(graph.mailbox()).mailFolders().get(config -> {
                        MailboxGraph.request("mailFolders.list").accept(config);
                        config.queryParameters.filter = filter;
                        config.queryParameters.select = new String[] { "id", "displayName" };
                    })
                    : graph.client().users().byUserId(graph.mailbox()).mailFolders().byMailFolderId(parentId)
                            .childFolders().get(config -> {
                                MailboxGraph.request("childFolders.list").accept(config);
                                config.queryParameters.filter = filter;
                                config.queryParameters.select = new String[] { "id", "displayName" };
                            }));
            List<MailFolder> found = page == null || page.getValue() == null ? List.of() : page.getValue();
            if (found.isEmpty()) {
                throw new FolderNotFoundException(graph.mailbox(), path);
            }
            parent = found.get(0).getId();
        }
        return parent;
    }
}
