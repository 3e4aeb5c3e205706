package org.mailtrail.console.web;

import java.util.ArrayList;
import java.util.List;

import org.mailtrail.console.services.Caller;
import org.mailtrail.console.services.Matcher;
import org.mailtrail.console.services.ServiceProblem;
import org.mailtrail.platform.problem.FieldProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.ui.Model;
import org.springframework.validation.BindException;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * Gives every page the signed-in person (asked of the matcher once per session: the roles and salespeople are
 * mailtrail's, whatever the issuer) and shows a service's refusal in place of the page, or of the part htmx asked
 * for.
 */
@ControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class Pages {

    private static final Logger log = LoggerFactory.getLogger(Pages.class);
    private static final String CALLER = Pages.class.getName() + ".caller";

    private final Matcher matcher;

    Pages(Matcher matcher) {
        this.matcher = matcher;
    }

    @ModelAttribute
    void signedIn(Authentication authentication, HttpServletRequest request, Model model) {
        person(authentication, request, model);
    }

    private void person(Authentication authentication, HttpServletRequest request, Model model) {
        if (authentication == null || !(authentication.getPrincipal() instanceof OidcUser person)) {
            return;
        }
        model.addAttribute("personName", person.getFullName() != null ? person.getFullName() : person.getName());
        model.addAttribute("caller", caller(request.getSession()));
    }

    /** Model attributes are not made for exception handlers: the problem page asks for the person itself. */
    @ExceptionHandler(ServiceProblem.class)
    String problem(ServiceProblem problem, Authentication authentication, HttpServletRequest request,
            HttpServletResponse response, Model model) {
        person(authentication, request, model);
        if (problem.status() >= 500) {
            log.warn("{}", problem.getMessage());
        }
        response.setStatus(problem.status() == 401 ? 503 : problem.status());
        model.addAttribute("problem", problem);
        return request.getHeader("HX-Request") != null ? "problem :: problem" : "problem";
    }

    /**
     * A page's own bad parameter (too long, not a date) is shown as a page, not as the platform's problem JSON
     * meant for API clients.
     */
    @ExceptionHandler({ HandlerMethodValidationException.class, MethodArgumentNotValidException.class,
            BindException.class, MethodArgumentTypeMismatchException.class })
    String badRequest(Exception refused, Authentication authentication, HttpServletRequest request,
            HttpServletResponse response, Model model) {
        List<FieldProblem> errors = new ArrayList<>();
        if (refused instanceof BindException binding) {
            // A value that could not even be converted (a date that is none) says so, not how conversion failed.
            binding.getFieldErrors().forEach(error -> errors.add(new FieldProblem(error.getField(),
                    error.isBindingFailure() ? "is not a valid value" : error.getDefaultMessage())));
        } else if (refused instanceof HandlerMethodValidationException validation) {
            validation.getParameterValidationResults().forEach(result -> {
                if (result instanceof ParameterErrors fields) {
                    // A form's fields: name each one, not the form.
                    fields.getFieldErrors().forEach(error -> errors.add(new FieldProblem(error.getField(),
                            error.isBindingFailure() ? "is not a valid value" : error.getDefaultMessage())));
                } else {
                    result.getResolvableErrors().forEach(error -> errors.add(new FieldProblem(
                            result.getMethodParameter().getParameterName(), error.getDefaultMessage())));
                }
            });
        } else if (refused instanceof MethodArgumentTypeMismatchException mismatch) {
            errors.add(new FieldProblem(mismatch.getName(), "is not a valid value"));
        }
        return problem(new ServiceProblem("console", 400, "That request was not understood",
                "Check what was entered and try again.", errors), authentication, request, response, model);
    }

    /** The caller once per session; a refusal of the matcher's is not remembered, so the next page asks again. */
    private Caller caller(HttpSession session) {
        Caller known = (Caller) session.getAttribute(CALLER);
        if (known == null) {
            try {
                known = matcher.me();
            } catch (ServiceProblem e) {
                log.warn("cannot tell who the signed-in person is: {}", e.getMessage());
                return new Caller(null, null, null, null);
            }
            session.setAttribute(CALLER, known);
        }
        return known;
    }
}
