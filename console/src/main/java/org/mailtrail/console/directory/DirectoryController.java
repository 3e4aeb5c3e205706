package org.mailtrail.console.directory;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.mailtrail.console.services.Directory;
import org.mailtrail.console.services.ImportReport;
import org.mailtrail.console.services.ServiceProblem;
import org.springframework.boot.servlet.autoconfigure.MultipartProperties;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.Size;

@Controller
class DirectoryController {

    static final String CONTACTS = "contacts";
    static final String SALESPEOPLE = "salespeople";
    private static final long MEGABYTE = 1024 * 1024;

    private final Directory directory;
    private final long maxFileBytes;

    /** The largest file taken is the console's multipart limit, so the page says what the server enforces. */
    DirectoryController(Directory directory, MultipartProperties multipart) {
        this.directory = directory;
        this.maxFileBytes = multipart.getMaxFileSize().toBytes();
    }

    @GetMapping("/directory")
    String directory(Model model) {
        return page(model, CONTACTS);
    }

    /**
     * Sends the file to the matcher as CSV and shows its report. A file the console refuses, or the matcher refuses as
     * a whole (no header, too many rows), is shown with the reason beside the form.
     */
    @PostMapping("/directory/import")
    String importFile(@RequestParam(required = false) @Size(max = 20) String kind,
            @RequestParam(required = false) MultipartFile file,
            @RequestHeader(name = "HX-Request", required = false) String htmx, Model model,
            HttpServletResponse response) {
        String chosen = CONTACTS.equals(kind) || SALESPEOPLE.equals(kind) ? kind : null;
        try {
            ImportFile csv = ImportFile.of(chosen, file, maxFileBytes);
            ImportReport report = chosen.equals(CONTACTS) ? directory.importContacts(csv.csv())
                    : directory.importSalespeople(csv.csv());
            model.addAttribute("result", ImportResult.of(chosen, report, csv));
        } catch (ImportFile.RefusedFileException refused) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return refused(refused.getMessage(), htmx != null, model);
        } catch (ServiceProblem problem) {
            if (problem.status() != HttpStatus.BAD_REQUEST.value()
                    && problem.status() != HttpStatus.CONTENT_TOO_LARGE.value()) {
                throw problem;
            }
            response.setStatus(problem.status());
            model.addAttribute("problem", problem);
            return htmx != null ? "directory :: result" : page(model, chosen);
        }
        if (htmx != null) {
            // The counts above the form change with the import; htmx swaps them in beside the report.
            model.addAttribute("counts", directory.counts());
            return "directory :: result";
        }
        return page(model, chosen);
    }

    /** The page, or the part of it htmx asked for, saying why the file was not sent to the matcher. */
    String refused(String reason, boolean htmx, Model model) {
        model.addAttribute("refused", reason);
        return htmx ? "directory :: result" : page(model, CONTACTS);
    }

    String tooLargeReason() {
        return ImportFile.tooLarge("The file", maxFileBytes);
    }

    private String page(Model model, String kind) {
        model.addAttribute("counts", directory.counts());
        model.addAttribute("wholePage", true);
        model.addAttribute("kind", kind == null ? CONTACTS : kind);
        model.addAttribute("maxBytes", maxFileBytes);
        model.addAttribute("maxMegabytes", maxFileBytes / MEGABYTE);
        model.addAttribute("tooLarge", tooLargeReason());
        return "directory";
    }
}
