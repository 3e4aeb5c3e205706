package org.mailtrail.console.opportunity;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.web.util.WebUtils;

import jakarta.servlet.http.HttpSession;

/**
 * The promotions a person's forms started in this session, by the form's Idempotency-Key: when the service refuses
 * a key because it was sent before with other values, the page can point to what that first request became.
 */
final class SentPromotions implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final String ATTRIBUTE = SentPromotions.class.getName();
    private static final int REMEMBERED = 50;

    private final Map<String, String> commandIds = new LinkedHashMap<>(16, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > REMEMBERED;
        }
    };

    static SentPromotions of(HttpSession session) {
        synchronized (WebUtils.getSessionMutex(session)) {
            SentPromotions sent = (SentPromotions) session.getAttribute(ATTRIBUTE);
            if (sent == null) {
                sent = new SentPromotions();
                session.setAttribute(ATTRIBUTE, sent);
            }
            return sent;
        }
    }

    synchronized void remember(String interactionId, String idempotencyKey, String commandId) {
        commandIds.put(interactionId + "\u001f" + idempotencyKey, commandId);
    }

    /** The promotion the key started for the entry, or null when this session did not send it. */
    synchronized String commandId(String interactionId, String idempotencyKey) {
        return commandIds.get(interactionId + "\u001f" + idempotencyKey);
    }
}
