package org.mailtrail.console.directory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.web.multipart.MultipartFile;

/**
 * An uploaded CSV file, taken only if it is UTF-8 text, and its lines as the matcher numbers them (from 1; a line
 * ends at a line feed, a carriage return, or both), so that a refused row can be shown as the admin wrote it.
 */
final class ImportFile {

    /** How much of a line the page shows; a longer one is cut. */
    static final int MAX_SHOWN_CHARS = 300;

    private static final byte[] BOM = { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF };

    private final byte[] csv;
    private final String text;

    private ImportFile(byte[] csv, String text) {
        this.csv = csv;
        this.text = text;
    }

    /**
     * The file as the matcher is sent it: without a byte order mark, which spreadsheets write and which would make
     * the first column's name another.
     *
     * @param kind {@code contacts} or {@code salespeople}; absent when none was chosen
     * @throws RefusedFileException with the reason, for a file of no kind, an empty one, one larger than the console
     *         takes, or one that is not UTF-8 text
     */
    static ImportFile of(String kind, MultipartFile file, long maxBytes) {
        if (kind == null) {
            throw new RefusedFileException("Choose whether the file holds contacts or salespeople.");
        }
        if (file == null || file.isEmpty() && (file.getOriginalFilename() == null
                || file.getOriginalFilename().isBlank())) {
            throw new RefusedFileException("Choose the CSV file to import.");
        }
        try {
            return of(file.getOriginalFilename(), file.getSize() > maxBytes ? null : file.getBytes(), file.getSize(),
                    maxBytes);
        } catch (IOException e) {
            throw new UncheckedIOException("the uploaded file could not be read", e);
        }
    }

    static ImportFile of(String name, byte[] content, long size, long maxBytes) {
        String called = name == null || name.isBlank() ? "The file" : "The file " + name;
        if (size > maxBytes) {
            throw new RefusedFileException(tooLarge(called, maxBytes));
        }
        if (content == null || content.length == 0) {
            throw new RefusedFileException(called + " is empty: choose a CSV file with a header row and a row per "
                    + "entry.");
        }
        byte[] csv = startsWithBom(content) ? Arrays.copyOfRange(content, BOM.length, content.length) : content;
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(csv)).toString();
        } catch (CharacterCodingException e) {
            throw new RefusedFileException(called + " is not UTF-8 text. If it is a spreadsheet, save it as "
                    + "\"CSV UTF-8\" and choose that file.");
        }
        int binary = firstControlCharacter(text);
        if (binary >= 0) {
            throw new RefusedFileException(called + " is not text: it holds binary data (line "
                    + lineOf(text, binary) + "). Choose a CSV file.");
        }
        if (text.isBlank()) {
            throw new RefusedFileException(called + " holds only blank lines: choose a CSV file with a header row and "
                    + "a row per entry.");
        }
        return new ImportFile(csv, text);
    }

    static String tooLarge(String called, long maxBytes) {
        return called + " is larger than " + maxBytes / (1024 * 1024)
                + " MB, the most the console takes: split it into smaller files.";
    }

    byte[] csv() {
        return csv;
    }

    /** The text of each line asked for that the file has, cut to {@link #MAX_SHOWN_CHARS}. */
    Map<Integer, String> lines(Collection<Integer> numbers) {
        Set<Integer> wanted = new TreeSet<>(numbers);
        Map<Integer, String> found = new HashMap<>();
        if (wanted.isEmpty()) {
            return found;
        }
        int last = ((TreeSet<Integer>) wanted).last();
        int line = 1;
        int start = 0;
        for (int i = 0; i <= text.length() && line <= last; i++) {
            char c = i < text.length() ? text.charAt(i) : '\n';
            if (c == '\n' || c == '\r') {
                if (wanted.contains(line)) {
                    found.put(line, shown(text.substring(start, i)));
                }
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                line++;
                start = i + 1;
            }
        }
        return found;
    }

    private static String shown(String line) {
        return line.length() <= MAX_SHOWN_CHARS ? line : line.substring(0, MAX_SHOWN_CHARS) + "…";
    }

    private static boolean startsWithBom(byte[] content) {
        return content.length >= BOM.length && content[0] == BOM[0] && content[1] == BOM[1] && content[2] == BOM[2];
    }

    /** Where the text holds a control character no text file has (tabs, line ends and form feeds it may), or -1. */
    private static int firstControlCharacter(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || c == 0x7F) {
                return i;
            }
        }
        return -1;
    }

    private static int lineOf(String text, int index) {
        int line = 1;
        for (int i = 0; i < index; i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n')) {
                line++;
            }
        }
        return line;
    }

    /** A file the console does not send to the matcher, and why, in words for the person who chose it. */
    static final class RefusedFileException extends RuntimeException {

        RefusedFileException(String reason) {
            super(reason);
        }
    }
}
