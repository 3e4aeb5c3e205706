package org.mailtrail.console.setup;

import org.mailtrail.console.ConsoleProperties;
import org.mailtrail.console.connection.FormErrors;
import org.mailtrail.console.connection.SetupProperties;
import org.mailtrail.console.services.CheckReport;
import org.mailtrail.console.services.CheckResult;
import org.mailtrail.console.services.ConfigService;
import org.mailtrail.console.services.Connection;
import org.mailtrail.console.services.ConnectionForm;
import org.mailtrail.console.services.ConnectionLedger;
import org.mailtrail.console.services.ConnectionLedger.DirectoryState;
import org.mailtrail.console.services.EnableRefused;
import org.mailtrail.console.services.Ledger;
import org.mailtrail.console.services.ServiceProblem;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;

/**
 * The setup as one page of steps, like Business Central's assisted setup: the settings (tenant, app, redirect URL,
 * mailbox, what happens to mail), then, once the connection exists, the check and the switch. Every step that
 * needs the settings saves them first, so what the administrator typed is never lost to a later step; a step that
 * fails shows the page again with what was typed (never the secret) and why. The check step also says whether
 * interaction-matcher's directory has entries yet: until it has, nothing is deleted from the mailbox.
 */
@Controller
@RequestMapping("/setup")
class SetupController {

    static final String ID = "[a-z0-9][a-z0-9-]{0,63}";
    private static final String DIRECTORY = "directory";

    private final ConfigService config;
    private final Ledger ledger;
    private final SetupProperties defaults;
    private final String callbackUrl;

    SetupController(ConfigService config, Ledger ledger, SetupProperties defaults, ConsoleProperties console) {
        this.config = config;
        this.ledger = ledger;
        this.defaults = defaults;
        this.callbackUrl = defaults.consentCallbackUrl(console.configServiceUrl());
    }

    @GetMapping
    String start(Model model) {
        return page(model, defaults.newConnection(callbackUrl), FormErrors.none(), null, null);
    }

    @PostMapping
    String create(@Valid @ModelAttribute("form") ConnectionForm form, BindingResult binding, Model model,
            RedirectAttributes redirect, HttpServletResponse response) {
        FormErrors errors = FormErrors.of(binding, form.problems(true));
        if (errors.any()) {
            response.setStatus(400);
            return page(model, form, errors, null, null);
        }
        Connection created;
        try {
            created = config.create(form);
        } catch (ServiceProblem refused) {
            response.setStatus(status(refused));
            return page(model, form, FormErrors.of(refused, form), null, null);
        }
        redirect.addFlashAttribute("notice", "Connection " + created.name() + " created. It is switched off until "
                + "you enable it; check the setup first.");
        return "redirect:/setup/" + created.id() + "#step-check";
    }

    @GetMapping("/{id}")
    String resume(@PathVariable @Pattern(regexp = ID) String id, Model model) {
        Connection connection = config.connection(id);
        return page(model, ConnectionForm.of(connection), FormErrors.none(),
                connection, config.latestCheck(id).orElse(null));
    }

    @PostMapping("/{id}")
    String save(@PathVariable @Pattern(regexp = ID) String id, @Valid @ModelAttribute("form") ConnectionForm form,
            BindingResult binding, Model model, RedirectAttributes redirect, HttpServletResponse response) {
        Saved saved = save(id, form, binding, model, response);
        if (saved.page() != null) {
            return saved.page();
        }
        redirect.addFlashAttribute("notice", "Settings saved.");
        return "redirect:/setup/" + id;
    }

    @PostMapping("/{id}/check")
    String check(@PathVariable @Pattern(regexp = ID) String id, @Valid @ModelAttribute("form") ConnectionForm form,
            BindingResult binding, @RequestParam(defaultValue = "false") boolean createArchiveFolder, Model model,
            HttpServletResponse response) {
        model.addAttribute("createArchiveFolder", createArchiveFolder);
        Saved saved = save(id, form, binding, model, response);
        if (saved.page() != null) {
            return saved.page();
        }
        CheckReport report = config.check(id, createArchiveFolder);
        Connection connection = report.archiveFolderId() == null ? saved.connection() : config.connection(id);
        return page(model, ConnectionForm.of(connection), FormErrors.none(), connection, report);
    }

    @PostMapping("/{id}/enable")
    String enable(@PathVariable @Pattern(regexp = ID) String id, @Valid @ModelAttribute("form") ConnectionForm form,
            BindingResult binding, Model model, RedirectAttributes redirect, HttpServletResponse response) {
        Saved saved = save(id, form, binding, model, response);
        if (saved.page() != null) {
            return saved.page();
        }
        try {
            config.enable(id);
        } catch (EnableRefused refused) {
            response.setStatus(409);
            model.addAttribute("enableRefused", refused);
            CheckReport report = new CheckReport(id, saved.connection().revision(), null, false, refused.checks(),
                    null);
            return page(model, ConnectionForm.of(saved.connection()), FormErrors.none(), saved.connection(), report);
        }
        redirect.addFlashAttribute("notice", "E-mail logging is enabled for " + saved.connection().mailbox()
                + ": mailtrail now logs the mail that reaches it.");
        return "redirect:/setup/" + id + "#step-enable";
    }

    /** DELEGATED: off to Microsoft's sign-in, once what was typed is saved; the browser returns to config-service. */
    @PostMapping("/{id}/consent")
    String consent(@PathVariable @Pattern(regexp = ID) String id, @Valid @ModelAttribute("form") ConnectionForm form,
            BindingResult binding, @RequestParam(defaultValue = "false") boolean changeAccount, Model model,
            HttpServletResponse response) {
        Saved saved = save(id, form, binding, model, response);
        if (saved.page() != null) {
            return saved.page();
        }
        return "redirect:" + config.consentUrl(id, changeAccount);
    }

    /** The settings saved, or the page that says why not. */
    private record Saved(Connection connection, String page) {
    }

    private Saved save(String id, ConnectionForm form, BindingResult binding, Model model,
            HttpServletResponse response) {
        FormErrors errors = FormErrors.of(binding, form.problems(false));
        if (form.revision() == null) {
            errors.add("revision", "is missing: open the connection's setup again");
        }
        if (errors.any()) {
            response.setStatus(400);
            return new Saved(null, notSaved(id, model, form, errors));
        }
        try {
            return new Saved(config.update(id, form), null);
        } catch (ServiceProblem refused) {
            response.setStatus(status(refused));
            return new Saved(null, notSaved(id, model, form, FormErrors.of(refused, form)));
        }
    }

    /** The page again with what was typed and why it was not saved, beside the connection as it is now. */
    private String notSaved(String id, Model model, ConnectionForm form, FormErrors errors) {
        return page(model, form, errors, config.connection(id), config.latestCheck(id).orElse(null));
    }

    private String page(Model model, ConnectionForm form, FormErrors errors, Connection connection,
            CheckReport report) {
        model.addAttribute("form", form.withoutSecret());
        model.addAttribute("secretDropped", form.hasSecret() && errors.any());
        model.addAttribute("errors", errors);
        model.addAttribute("connection", connection);
        model.addAttribute("report", report);
        model.addAttribute("directory", connection == null ? null : directory(connection.id()));
        model.addAttribute("callbackUrl", callbackUrl);
        model.addAttribute("onSetupPage", true);
        if (!model.containsAttribute("createArchiveFolder")) {
            model.addAttribute("createArchiveFolder", true);
        }
        return "setup";
    }

    /**
     * The check step's row about the directory, from the matcher's ledger of the connection: a warning while the
     * directory is empty (the matcher then deletes nothing), passed with its counts once it has entries. The matcher
     * hears of a new connection a moment after config-service, and a page does not fail for a row it cannot fill.
     */
    private CheckResult directory(String id) {
        ConnectionLedger connection;
        try {
            connection = ledger.of(id);
        } catch (ServiceProblem unknown) {
            return new CheckResult(DIRECTORY, "SKIPPED", unknown.isNotFound()
                    ? "interaction-matcher has not heard of this connection yet; check again in a moment."
                    : "interaction-matcher could not tell: " + unknown.title() + ".", null);
        }
        DirectoryState directory = connection.directory();
        if (directory == null) {
            return new CheckResult(DIRECTORY, "SKIPPED", "interaction-matcher did not say what its directory holds.",
                    null);
        }
        if (directory.safeStart()) {
            return new CheckResult(DIRECTORY, "WARNING", DirectoryState.SAFE_START,
                    "Import the salespeople and the contacts under Directory.");
        }
        return new CheckResult(DIRECTORY, "PASSED", "The directory has " + directory.salespeople()
                + (directory.salespeople() == 1 ? " salesperson" : " salespeople") + " and " + directory.contacts()
                + (directory.contacts() == 1 ? " contact." : " contacts."), null);
    }

    /** A refusal keeps its status, but a service's 401 is the console's trouble, not the person's. */
    private static int status(ServiceProblem problem) {
        return problem.status() == 401 ? 503 : problem.status();
    }
}
