package org.mailtrail.ingestor.graph;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import com.microsoft.graph.models.MailFolder;
import com.microsoft.graph.models.MailFolderCollectionResponse;
import com.microsoft.graph.models.odataerrors.ODataError;
import com.microsoft.kiota.ApiException;

/**
 * Turns a configured folder into what Graph takes in a path or a {@code destinationId}: a well-known name
 * ({@code inbox}, {@code archive}) or an id as it is, a display-name path ({@code Customers/2026}) looked up
 * once per connection; and finds, or makes, the top-level folder a HOLD moves mail to.
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
        Optional<String> direct = direct(trimmed);
        if (direct.isPresent()) {
            return direct.get();
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

    /**
     * A folder where mail may be now (a held mail is in the hold folder) as Graph takes it: a well-known name or
     * an id as it is, otherwise the display name of a top-level folder, looked up once per connection. Throws
     * {@link FolderNotFoundException} when the mailbox has no such folder.
     */
    public String topLevel(MailboxGraph graph, String folder) {
        Optional<String> direct = direct(folder.trim());
        if (direct.isPresent()) {
            return direct.get();
        }
        String key = topLevelKey(graph, folder);
        String cached = resolved.get(key);
        if (cached != null) {
            return cached;
        }
        String id = child(graph, null, folder).orElseThrow(() -> new FolderNotFoundException(graph.mailbox(), folder));
        resolved.put(key, id);
        return id;
    }

    /**
     * The id of the mailbox's top-level folder of this display name, made when there is none (the hold folder),
     * and cached as {@link #topLevel} caches. Another instance may make the folder at the same moment: Graph
     * refuses the second one with {@code ErrorFolderExists}, and the folder is looked up again. Throws
     * {@link FolderNotFoundException} when Graph says the folder exists but does not list it (a hidden folder of
     * that name).
     */
    public String topLevelMadeWhenMissing(MailboxGraph graph, String displayName) {
        String key = topLevelKey(graph, displayName);
        String cached = resolved.get(key);
        if (cached != null) {
            return cached;
        }
        String id = child(graph, null, displayName).orElseGet(() -> create(graph, displayName));
        resolved.put(key, id);
        return id;
    }

    /** Forgets the top-level folder found for a display name, which may have been deleted since. */
    public void forgetTopLevel(MailboxGraph graph, String displayName) {
        resolved.remove(topLevelKey(graph, displayName));
    }

    /** Forgets what was looked up for a connection, whose folders may have changed. */
    public void forget(String connectionId) {
        resolved.keySet().removeIf(key -> key.startsWith(connectionId + "|"));
    }

    private static Optional<String> direct(String folder) {
        String wellKnown = folder.toLowerCase(Locale.ROOT).replace(" ", "");
        if (WELL_KNOWN.contains(wellKnown) && !folder.contains("/")) {
            return Optional.of(wellKnown);
        }
        return ID.matcher(folder).matches() ? Optional.of(folder) : Optional.empty();
    }

    private static String topLevelKey(MailboxGraph graph, String displayName) {
        // A name of its own: a display-name path of the same spelling means nested folders, this one does not.
        return graph.connectionId() + "|" + graph.mailbox() + "|top-level|" + displayName;
    }

    private static String lookUp(MailboxGraph graph, String path) {
        String parent = null;
        for (String name : path.split("/")) {
            parent = child(graph, parent, name.trim()).orElseThrow(() -> new FolderNotFoundException(graph.mailbox(),
                    path));
        }
        return parent;
    }

    /** The id of the folder of this display name under a parent, or at the top of the mailbox for none. */
    private static Optional<String> child(MailboxGraph graph, String parentId, String name) {
        String filter = "displayName eq '" + name.replace("'", "''") + "'";
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
        return found.stream().map(MailFolder::getId).findFirst();
    }

    private static String create(MailboxGraph graph, String name) {
        MailFolder folder = new MailFolder();
        folder.setDisplayName(name);
        try {
            return graph.call(() -> graph.client().users().byUserId(graph.mailbox()).mailFolders().post(folder,
                    MailboxGraph.request("mailFolders.create"))).getId();
        } catch (ApiException e) {
            if (!folderExists(e)) {
                throw e;
            }
            return child(graph, null, name).orElseThrow(() -> new FolderNotFoundException(graph.mailbox(), name));
        }
    }

    /**
     * Graph's answer to a folder whose name a sibling has already: {@code ErrorFolderExists}, reported with 409
     * and, by some, with 400; the code decides.
     */
    private static boolean folderExists(ApiException e) {
        if (e instanceof ODataError error && error.getError() != null && error.getError().getCode() != null) {
            return error.getError().getCode().equalsIgnoreCase("ErrorFolderExists");
        }
        return e.getResponseStatusCode() == 409;
    }
}
