package org.mailtrail.matcher.directory.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailtrail.matcher.testdata.DemoDirectory.company;
import static org.mailtrail.matcher.testdata.DemoDirectory.person;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.mailtrail.events.interaction.MatchedBy;

class AddressIndexTest {

    private final AddressIndex index = new AddressIndex();

    @Test
    void countsAsEmptyUntilItHoldsSalespeopleAndContactsBoth() {
        assertThat(index.isEmpty()).as("a new installation").isTrue();

        index.putSalespeople(List.of(new Salesperson("AB", "Anna", List.of("anna@contoso.com"))));
        assertThat(index.isEmpty()).as("salespeople imported, no contacts yet").isTrue();

        index.putContacts(List.of(person("CT1", "Lars", null, null, "lars@fabrikam.com", List.of(), false)));
        assertThat(index.isEmpty()).as("both").isFalse();

        index.retainSalespeople(Set.of());
        assertThat(index.isEmpty()).as("contacts only").isTrue();
    }

    @Test
    void forgetsAContactsOldAddressesWhenItIsReplaced() {
        index.putContacts(List.of(person("CT1", "Lars", null, null, "lars@old.example", List.of("l@old.example"), false)));
        index.putContacts(List.of(person("CT1", "Lars", null, null, "lars@new.example", List.of(), false)));

        assertThat(index.contactAt("lars@old.example")).isEmpty();
        assertThat(index.contactAt("l@old.example")).isEmpty();
        assertThat(index.contactAt("lars@new.example")).map(hit -> hit.contact().id()).contains("CT1");
        assertThat(index.addressCount()).isEqualTo(1);
    }

    @Test
    void keepsOnlyTheEntriesARebuildFoundAndEveryAddressOfThem() {
        index.putContacts(List.of(company("CT1", "Fabrikam", "info@fabrikam.com"),
                person("CT2", "Lars", "CT1", "Fabrikam", "lars@fabrikam.com", List.of("lars@holm.example"), false),
                person("CT3", "Mia", "CT1", "Fabrikam", "mia@fabrikam.com", List.of(), false)));
        index.putSalespeople(List.of(new Salesperson("AB", "Anna", List.of("anna@contoso.com")),
                new Salesperson("OD", "Ole", List.of("ole@contoso.com"))));

        index.retainContacts(Set.of("CT3"));
        index.retainSalespeople(Set.of("OD"));

        assertThat(index.contactAt("info@fabrikam.com")).isEmpty();
        assertThat(index.companyOwning("fabrikam.com")).isEmpty();
        assertThat(index.contactAt("lars@holm.example")).isEmpty();
        assertThat(index.contactAt("mia@fabrikam.com")).map(hit -> hit.contact().id()).contains("CT3");
        assertThat(index.salespersonAt("anna@contoso.com")).isEmpty();
        assertThat(index.salespersonAt("ole@contoso.com")).map(Salesperson::code).contains("OD");
        assertThat(index.addressCount()).isEqualTo(2);
    }

    @Test
    void storesAddressesCaseInsensitivelyAndTrimmed() {
        index.putContacts(List.of(person("CT1", "Lars", null, null, "  Lars.Holm@Fabrikam.COM ", List.of(), false)));
        index.putSalespeople(List.of(new Salesperson("AB", "Anna", List.of("ANNA@contoso.com "))));

        assertThat(index.contactAt("lars.holm@fabrikam.com")).isPresent();
        assertThat(index.salespersonAt("anna@contoso.com")).map(Salesperson::code).contains("AB");
    }

    @Test
    void resolvesASharedAddressToAPrimaryHolderFirstThenToTheLowestId() {
        index.putContacts(List.of(
                person("CT9", "alternate holder", null, null, "desk@shared.example", List.of(), false),
                person("CT1", "alternate holder", null, null, "one@shared.example", List.of("office@shared.example"), false),
                person("CT5", "primary holder", null, null, "office@shared.example", List.of(), false),
                person("CT3", "primary holder", null, null, "office@shared.example", List.of(), false)));

        ContactHit hit = index.contactAt("office@shared.example").orElseThrow();
        assertThat(hit.contact().id()).isEqualTo("CT3");
        assertThat(hit.matchedBy()).isEqualTo(MatchedBy.PRIMARY);
        assertThat(hit.otherCandidates()).containsExactly("CT5", "CT1");

        index.removeContact("CT3");
        index.removeContact("CT5");
        assertThat(index.contactAt("office@shared.example")).get()
                .satisfies(next -> assertThat(next.contact().id()).isEqualTo("CT1"))
                .satisfies(next -> assertThat(next.matchedBy()).isEqualTo(MatchedBy.ALTERNATE));
    }

    @Test
    void knowsTheCompanyOwningADomainOnlyThroughCompanyContacts() {
        index.putContacts(List.of(
                person("CT1", "a person", null, null, "lars@fabrikam.com", List.of(), false),
                company("CT20", "Fabrikam Ltd", "sales@fabrikam.com"),
                company("CT10", "Fabrikam Inc", "info@fabrikam.com")));

        assertThat(index.companyOwning("fabrikam.com")).map(Contact::id).contains("CT10");
        index.removeContact("CT10");
        assertThat(index.companyOwning("fabrikam.com")).map(Contact::id).contains("CT20");
        index.removeContact("CT20");
        assertThat(index.companyOwning("fabrikam.com")).isEmpty();
    }

    @Test
    void forgetsARemovedSalesperson() {
        index.putSalespeople(List.of(new Salesperson("AB", "Anna", List.of("anna@contoso.com")),
                new Salesperson("AA", "Anna's twin", List.of("anna@contoso.com"))));

        assertThat(index.salespersonAt("anna@contoso.com")).map(Salesperson::code).contains("AA");
        index.removeSalesperson("AA");
        assertThat(index.salespersonAt("anna@contoso.com")).map(Salesperson::code).contains("AB");
        index.removeSalesperson("AB");
        assertThat(index.salespersonAt("anna@contoso.com")).isEmpty();
    }

    /**
     * Hash lookups: a hundred times the contacts must not make a lookup anywhere near a hundred
     * times slower. The bound is loose on purpose (caches do make big maps somewhat slower); the
     * best of several rounds keeps a busy machine from deciding the outcome.
     */
    @Test
    void looksUpAsFastInAHundredThousandContactsAsInAThousand() {
        long small = bestNanosPerLookup(filled(1_000), 1_000);
        long large = bestNanosPerLookup(filled(100_000), 100_000);

        assertThat(large).as("ns per lookup with 100,000 contacts vs %d ns with 1,000", small)
                .isLessThan(Math.max(small, 50) * 10);
    }

    private static AddressIndex filled(int contacts) {
        AddressIndex filled = new AddressIndex();
        List<Contact> batch = new ArrayList<>(contacts);
        IntStream.range(0, contacts).forEach(i -> batch.add(person("CT" + i, "contact " + i, null, null,
                "contact" + i + "@company" + (i % 997) + ".example", List.of("alt" + i + "@example.org"), false)));
        filled.putContacts(batch);
        return filled;
    }

    private static long bestNanosPerLookup(AddressIndex index, int contacts) {
        int lookups = 200_000;
        String[] addresses = IntStream.range(0, 4_096)
                .mapToObj(i -> "contact" + (i * 7919 % contacts) + "@company" + ((i * 7919 % contacts) % 997) + ".example")
                .toArray(String[]::new);
        long best = Long.MAX_VALUE;
        int found = 0;
        for (int round = 0; round < 6; round++) {
            long started = System.nanoTime();
            for (int i = 0; i < lookups; i++) {
                found += index.contactAt(addresses[i & 4_095]).isPresent() ? 1 : 0;
            }
            best = Math.min(best, (System.nanoTime() - started) / lookups);
        }
        assertThat(found).as("every address looked up exists").isEqualTo(6 * lookups);
        return best;
    }
}
