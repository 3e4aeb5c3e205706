package org.mailtrail.console.directory;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

import jakarta.servlet.http.HttpServletRequest;

/**
 * A file over the multipart limit is refused before any controller is chosen, so only advice for every controller
 * sees it; the directory import is the console's one upload. Ordered first, since the platform's API advice would
 * answer with problem JSON where a page or its import result is wanted.
 */
@ControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class UploadTooLarge {

    private final DirectoryController directory;

    UploadTooLarge(DirectoryController directory) {
        this.directory = directory;
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    @ResponseStatus(HttpStatus.CONTENT_TOO_LARGE)
    String tooLarge(HttpServletRequest request, Model model) {
        return directory.refused(directory.tooLargeReason(), request.getHeader("HX-Request") != null, model);
    }
}
