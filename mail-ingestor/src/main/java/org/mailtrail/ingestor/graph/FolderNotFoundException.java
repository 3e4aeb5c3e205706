package org.mailtrail.ingestor.graph;

/** A configured folder does not exist in the mailbox. */
public class FolderNotFoundException extends RuntimeException {

    private final String folder;

    public FolderNotFoundException(String mailbox, String folder) {
        super("folder '" + folder + "' not found in " + mailbox);
        this.folder = folder;
    }

    public String folder() {
        return folder;
    }
}
