package org.mailtrail.console.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.mailtrail.console.services.ConnectionForm;
import org.mailtrail.console.services.ServiceProblem;
import org.mailtrail.platform.problem.FieldProblem;

class FormErrorsTest {

    private final ConnectionForm form = new ConnectionForm(null, "Contoso", "x", null, null, null, "APPLICATION",
            "crm-log@contoso.com", null, null, null, null, "contoso.com\na_b", null, null, null, null, null, true,
            "gmail.com\nbad domain", false, null, null, false, true, "Not logged", "30", "LIKE_FIRST", null);

    @Test
    void namesTheRefusedEntryOfAListBesideTheListsField() {
        FormErrors errors = FormErrors.of(refusal(new FieldProblem("internalDomains[1]", "must be a domain name"),
                new FieldProblem("matching.freeMailDomains[2]", "must be a domain name")), form);

        assertThat(errors.text("internalDomains")).isEqualTo("“a_b” must be a domain name");
        assertThat(errors.text("freeMailDomains")).isEqualTo("“domain” must be a domain name");
    }

    @Test
    void namesTheHoldSettingsBesideTheFieldsThatHoldThem() {
        FormErrors errors = FormErrors.of(refusal(new FieldProblem("hold.retention", "must be at least PT10S"),
                new FieldProblem("hold.folder", "must not be the source or the archive folder"),
                new FieldProblem("copies", "must be LIKE_FIRST or DELETE"),
                new FieldProblem("deleteMode", "must be one of the choices")), form);

        assertThat(errors.text("holdFolder")).isEqualTo("must not be the source or the archive folder");
        assertThat(errors.text("holdRetention")).isEqualTo("must be at least PT10S");
        assertThat(errors.entries()).extracting(FormErrors.Entry::label).containsExactly("How it is deleted",
                "Hold folder", "Days to hold it", "Further copies of a mail");
    }

    @Test
    void listsTheErrorsInTheOrderOfThePage() {
        FormErrors errors = FormErrors.of(refusal(new FieldProblem("mailbox", "must be a mail address"),
                new FieldProblem("tenantId", "must be a GUID or a domain"),
                new FieldProblem("displayName", "must not be blank")), form);

        assertThat(errors.entries()).extracting(FormErrors.Entry::field).containsExactly("displayName", "tenantId",
                "mailbox");
        assertThat(errors.entries().get(0).label()).isEqualTo("Name");
    }

    @Test
    void keepsWhatNamesNoFieldOfTheFormApart() {
        FormErrors errors = FormErrors.of(refusal(new FieldProblem("If-Match", "is required")), form);

        assertThat(errors.entries()).isEmpty();
        assertThat(errors.other()).containsExactly("If-Match: is required");
        assertThat(errors.any()).isTrue();
    }

    @Test
    void describesAControlByItsHelpAndItsError() {
        FormErrors errors = FormErrors.none().add("tenantId", "must be a GUID or a domain");

        assertThat(errors.describedBy("tenantId")).isEqualTo("tenantId-help tenantId-error");
        assertThat(errors.describedBy("mailbox")).isEqualTo("mailbox-help");
    }

    private static ServiceProblem refusal(FieldProblem... errors) {
        return new ServiceProblem("config-service", 400, "Invalid request", null, List.of(errors));
    }
}
