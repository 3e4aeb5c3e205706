package org.mailtrail.emulator.mailbox;

import java.util.Locale;

/** A mail folder. Folders never move here, so their ids are stable and serve as both regular and immutable ids. */
public final class MailFolder {

    private final String id;
    private final String displayName;
    private final String parentId;
    private final String wellKnownName;
    private final boolean hidden;

    MailFolder(String id, String displayName, String parentId, String wellKnownName, boolean hidden) {
        this.id = id;
        this.displayName = displayName;
        this.parentId = parentId;
        this.wellKnownName = wellKnownName == null ? null : wellKnownName.toLowerCase(Locale.ROOT);
        this.hidden = hidden;
    }

    public String id() {
        return id;
    }

    public String displayName() {
        return displayName;
    }

    public String parentId() {
        return parentId;
    }

    /** {@code inbox}, {@code archive}, ... or {@code null} for a folder a user made. */
    public String wellKnownName() {
        return wellKnownName;
    }

    public boolean hidden() {
        return hidden;
    }
}
