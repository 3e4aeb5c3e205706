package org.mailtrail.platform.web;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.mailtrail.platform.problem.InvalidRequestException;
import org.mailtrail.platform.problem.ProblemException;
import org.mailtrail.platform.problem.ProblemType;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;

class ApiExceptionHandlerTest {

    static final ProblemType THING_BUSY = new ProblemType("thing-busy", 409, "Thing busy");

    static class ThingBusyException extends ProblemException {
        ThingBusyException(long revision) {
            super(THING_BUSY, "the thing is being changed");
            property("currentRevision", revision);
            header("Retry-After", "5");
        }
    }

    enum Colour {
        RED, GREEN
    }

    record Thing(@NotBlank String name, Colour colour, java.util.List<String> tags) {
    }

    @RestController
    static class Things {

        @GetMapping("/busy")
        String busy() {
            throw new ThingBusyException(7);
        }

        @GetMapping("/invalid")
        String invalid() {
            throw new InvalidRequestException("limit", "must be 1 to 100");
        }

        @GetMapping("/cursor")
        String cursor() {
            return Cursor.decode("not a cursor").id();
        }

        @GetMapping("/things")
        String list(@RequestParam int limit, @RequestParam(required = false) java.time.Instant since) {
            return limit + " " + since;
        }

        @PostMapping("/things")
        String create(@Valid @RequestBody Thing thing) {
            return thing.name();
        }
    }

    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new Things())
            .setControllerAdvice(new ApiExceptionHandler()).build();

    @Test
    void rendersAProblemExceptionWithItsTypeMembersAndHeaders() throws Exception {
        mvc.perform(get("/busy")).andExpect(status().isConflict())
                .andExpect(header().string("Retry-After", "5"))
                .andExpect(jsonPath("$.type").value("urn:mailtrail:problem:thing-busy"))
                .andExpect(jsonPath("$.title").value("Thing busy"))
                .andExpect(jsonPath("$.status").value(409))
                .andExpect(jsonPath("$.detail").value("the thing is being changed"))
                .andExpect(jsonPath("$.currentRevision").value(7));
    }

    @Test
    void rendersTheFieldErrorExceptionWithOneEntryPerField() throws Exception {
        mvc.perform(get("/invalid")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:mailtrail:problem:invalid-request"))
                .andExpect(jsonPath("$.errors[0].field").value("limit"))
                .andExpect(jsonPath("$.errors[0].reason").value("must be 1 to 100"));
    }

    @Test
    void rendersBeanValidationAsTheSameInvalidRequest() throws Exception {
        mvc.perform(post("/things").contentType(MediaType.APPLICATION_JSON).content("{\"name\":\" \"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:mailtrail:problem:invalid-request"))
                .andExpect(jsonPath("$.errors[0].field").value("name"));
    }

    @Test
    void answersAParameterOfTheWrongTypeAsARefusedField() throws Exception {
        mvc.perform(get("/things").param("limit", "abc")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:mailtrail:problem:invalid-request"))
                .andExpect(jsonPath("$.errors[0].field").value("limit"))
                .andExpect(jsonPath("$.errors[0].reason").value("must be a whole number, not 'abc'"));
        mvc.perform(get("/things").param("limit", "5").param("since", "yesterday")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("since"))
                .andExpect(jsonPath("$.errors[0].reason").value(
                        "must be an ISO-8601 instant such as 2026-11-27T09:00:00Z, not 'yesterday'"));
    }

    @Test
    void namesTheFieldOfABodyThatCannotBeReadWithoutRepeatingItsValue() throws Exception {
        mvc.perform(post("/things").contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"a\",\"colour\":\"s3cr3t-purple\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:mailtrail:problem:invalid-request"))
                .andExpect(jsonPath("$.errors[0].field").value("colour"))
                .andExpect(jsonPath("$.errors[0].reason").value("must be one of RED, GREEN"))
                .andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("s3cr3t"))));
        mvc.perform(post("/things").contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"a\",\"tags\":\"x\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("tags"))
                .andExpect(jsonPath("$.errors[0].reason").value("must be a list"));
        mvc.perform(post("/things").contentType(MediaType.APPLICATION_JSON).content("{not json"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("body"))
                .andExpect(jsonPath("$.errors[0].reason").value("is not valid JSON"));
    }

    @Test
    void answersACursorItDidNotIssueWithoutRepeatingIt() throws Exception {
        mvc.perform(get("/cursor")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:mailtrail:problem:invalid-cursor"))
                .andExpect(jsonPath("$.detail").value("not a cursor this service issued"));
    }

    @Test
    void givesTheFrameworksOwnErrorsTheCommonTypeOfTheirStatus() throws Exception {
        mvc.perform(post("/busy")).andExpect(status().isMethodNotAllowed())
                .andExpect(jsonPath("$.type").value("urn:mailtrail:problem:method-not-allowed"))
                .andExpect(jsonPath("$.title").value("Method Not Allowed"));
    }
}
