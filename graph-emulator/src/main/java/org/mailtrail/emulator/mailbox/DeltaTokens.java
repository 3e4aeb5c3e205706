package org.mailtrail.emulator.mailbox;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Server-side sync state behind the opaque {@code $skiptoken}s and {@code $deltatoken}s. Keeping it here, and
 * not in the token, is what makes eviction (and the 410 a client must survive) possible. A page token can be
 * followed again while its round runs (a client retrying after a failure gets the same page); once the round has
 * handed out its deltaLink, its page tokens are gone.
 */
public final class DeltaTokens {

    private static final int CAPACITY = 100_000;

    /** What a token stands for. */
    sealed interface State permits Page, Link {
        String mailboxId();
    }

    /**
     * A round in progress: the entries the round reports, computed at its first request, and where the next
     * page starts. {@code watermark} becomes the round's deltaLink.
     */
    record Page(String mailboxId, String folderId, List<Entry> entries, int offset, long watermark,
                List<String> select, String changeType, String round, boolean emptyPageServed) implements State {

        Page at(int newOffset, boolean emptyServed) {
            return new Page(mailboxId, folderId, entries, newOffset, watermark, select, changeType, round, emptyServed);
        }
    }

    /** A finished round: the next one reports changes after {@code watermark}. */
    record Link(String mailboxId, String folderId, long watermark, List<String> select, String changeType)
            implements State {
    }

    /**
     * One message a round reports.
     *
     * @param removedId the regular id the message had in the folder, when the round reports it as removed
     */
    record Entry(String immutableId, String removedId) {
        boolean removed() {
            return removedId != null;
        }
    }

    private final SecureRandom random = new SecureRandom();
    private final Map<String, State> states = new LinkedHashMap<>();
    private final Map<String, List<String>> pagesOfRound = new HashMap<>();

    synchronized String put(State state) {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        String token = "emu" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        states.put(token, state);
        if (state instanceof Page page) {
            pagesOfRound.computeIfAbsent(page.round(), r -> new ArrayList<>()).add(token);
        }
        if (states.size() > CAPACITY) {
            Iterator<String> oldest = states.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        return token;
    }

    /** A round handed out its deltaLink: its page tokens expire. */
    synchronized void finishRound(String round) {
        List<String> tokens = pagesOfRound.remove(round);
        if (tokens != null) {
            tokens.forEach(states::remove);
        }
    }

    synchronized State get(String token) {
        return token == null ? null : states.get(token);
    }

    /** Forgets sync state, of one mailbox or of all when {@code mailboxId} is {@code null}; answers how many. */
    public synchronized int evict(String mailboxId) {
        int before = states.size();
        states.values().removeIf(state -> mailboxId == null || state.mailboxId().equals(mailboxId));
        pagesOfRound.values().forEach(tokens -> tokens.removeIf(token -> !states.containsKey(token)));
        pagesOfRound.values().removeIf(List::isEmpty);
        return before - states.size();
    }

    public synchronized int size() {
        return states.size();
    }
}
