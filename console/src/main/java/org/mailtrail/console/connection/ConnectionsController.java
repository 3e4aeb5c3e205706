package org.mailtrail.console.connection;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.mailtrail.console.ConsoleProperties;
import org.mailtrail.console.services.CheckReport;
import org.mailtrail.console.services.ConfigService;
import org.mailtrail.console.services.Connection;
import org.mailtrail.console.services.ConnectionForm;
import org.mailtrail.console.services.EnableRefused;
import org.mailtrail.console.services.ServiceProblem;
import org.mailtrail.console.services.TokenRenewal;
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
 * The connections and what an administrator does with one: switch it on or off, check it, renew its token, change
 * the account a DELEGATED one reads the mailbox as, edit its settings, delete it. config-service decides whether
 * the person may; its refusals are shown as they come.
 */
@Controller
@RequestMapping("/connections")
class ConnectionsController {

    static final String ID = "[a-z0-9][a-z0-9-]{0,63}";

    /** Each connection with its latest check (absent when it was never checked). */
    record Row(Connection connection, CheckReport check) {
    }

    private final ConfigService config;
    private final String callbackUrl;

    ConnectionsController(ConfigService config, SetupProperties defaults, ConsoleProperties console) {
        this.config = config;
        this.callbackUrl = defaults.consentCallbackUrl(console.configServiceUrl());
    }

    @GetMapping
    String list(Model model) {
        List<Row> rows = config.connections().stream()
                .map(connection -> new Row(connection, config.latestCheck(connection.id()).orElse(null))).toList();
        model.addAttribute("rows", rows);
        return "connections";
    }

    @GetMapping("/{id}")
    String show(@PathVariable @Pattern(regexp = ID) String id, Model model) {
        Connection connection = config.connection(id);
        return page(model, connection, config.latestCheck(id).orElse(null));
    }

    @PostMapping("/{id}/enable")
    String enable(@PathVariable @Pattern(regexp = ID) String id,
            @RequestParam(defaultValue = "connection") @Pattern(regexp = "list|connection") String from, Model model,
            RedirectAttributes redirect, HttpServletResponse response) {
        Connection enabled;
        try {
            enabled = config.enable(id);
        } catch (EnableRefused refused) {
            response.setStatus(409);
            Connection connection = config.connection(id);
            model.addAttribute("enableRefused", refused);
            return page(model, connection, new CheckReport(id, connection.revision(), null, false, refused.checks(),
                    null));
        }
        redirect.addFlashAttribute("notice", "Connection " + enabled.name() + " is enabled.");
        return back(id, from);
    }

    @PostMapping("/{id}/disable")
    String disable(@PathVariable @Pattern(regexp = ID) String id,
            @RequestParam(defaultValue = "connection") @Pattern(regexp = "list|connection") String from,
            RedirectAttributes redirect) {
        Connection disabled = config.disable(id);
        redirect.addFlashAttribute("notice", "Connection " + disabled.name()
                + " is disabled: mailtrail reads its mailbox no more until it is enabled again.");
        return back(id, from);
    }

    @PostMapping("/{id}/check")
    String check(@PathVariable @Pattern(regexp = ID) String id,
            @RequestParam(defaultValue = "false") boolean createArchiveFolder, Model model) {
        CheckReport report = config.check(id, createArchiveFolder);
        return page(model, config.connection(id), report);
    }

    @PostMapping("/{id}/renew-token")
    String renewToken(@PathVariable @Pattern(regexp = ID) String id, RedirectAttributes redirect) {
        TokenRenewal renewed = config.renewToken(id);
        redirect.addFlashAttribute("renewed", renewed);
        return "redirect:/connections/" + id;
    }

    /** Off to Microsoft's sign-in page; the browser comes back through config-service's consent callback. */
    @PostMapping("/{id}/consent")
    String consent(@PathVariable @Pattern(regexp = ID) String id,
            @RequestParam(defaultValue = "false") boolean changeAccount) {
        return "redirect:" + config.consentUrl(id, changeAccount);
    }

    @GetMapping("/{id}/edit")
    String edit(@PathVariable @Pattern(regexp = ID) String id, Model model) {
        Connection connection = config.connection(id);
        return editPage(model, ConnectionForm.of(connection), FormErrors.none(), connection);
    }

    @PostMapping("/{id}/edit")
    String save(@PathVariable @Pattern(regexp = ID) String id, @Valid @ModelAttribute("form") ConnectionForm form,
            BindingResult binding, Model model, RedirectAttributes redirect, HttpServletResponse response) {
        FormErrors errors = FormErrors.of(binding, form.problems(false));
        if (form.revision() == null) {
            errors.add("revision", "is missing: open the connection's settings again");
        }
        if (errors.any()) {
            response.setStatus(400);
            return editPage(model, form, errors, config.connection(id));
        }
        Connection saved;
        try {
            saved = config.update(id, form);
        } catch (ServiceProblem refused) {
            response.setStatus(refused.status() == 401 ? 503 : refused.status());
            return editPage(model, form, FormErrors.of(refused, form), config.connection(id));
        }
        redirect.addFlashAttribute("notice", "Settings of " + saved.name() + " saved.");
        return "redirect:/connections/" + id;
    }

    @GetMapping("/{id}/delete")
    String confirmDelete(@PathVariable @Pattern(regexp = ID) String id, Model model) {
        model.addAttribute("connection", config.connection(id));
        return "connection-delete";
    }

    @PostMapping("/{id}/delete")
    String delete(@PathVariable @Pattern(regexp = ID) String id, @RequestParam long revision,
            RedirectAttributes redirect) {
        Connection connection = config.connection(id);
        config.delete(id, revision);
        redirect.addFlashAttribute("notice", "Connection " + connection.name() + " deleted.");
        return "redirect:/connections";
    }

    private String page(Model model, Connection connection, CheckReport report) {
        model.addAttribute("connection", connection);
        model.addAttribute("report", report);
        model.addAttribute("matching", matching(connection.matching()));
        model.addAttribute("onSetupPage", false);
        return "connection";
    }

    private String editPage(Model model, ConnectionForm form, FormErrors errors, Connection connection) {
        model.addAttribute("form", form.withoutSecret());
        model.addAttribute("secretDropped", form.hasSecret() && errors.any());
        model.addAttribute("errors", errors);
        model.addAttribute("connection", connection);
        model.addAttribute("callbackUrl", callbackUrl);
        return "connection-edit";
    }

    /** The matching extensions switched on, in words. */
    private static Map<String, String> matching(Connection.Matching matching) {
        Map<String, String> on = new LinkedHashMap<>();
        if (matching.domainFallback()) {
            on.put("By company domain", matching.freeMailDomains().isEmpty() ? "on"
                    : "on, except " + String.join(", ", matching.freeMailDomains()));
        }
        if (matching.blocklist()) {
            on.put("Blocklist", matching.blockedAddresses().size() + " addresses, " + matching.blockedDomains().size()
                    + " domains");
        }
        if (matching.privacyBlocking()) {
            on.put("Privacy blocking", "on");
        }
        return on;
    }

    private static String back(String id, String from) {
        return "list".equals(from) ? "redirect:/connections" : "redirect:/connections/" + id;
    }
}
