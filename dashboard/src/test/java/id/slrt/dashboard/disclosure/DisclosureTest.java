package id.slrt.dashboard.disclosure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;

/** The disclosure policy's rules on small tables whose every cell the test knows. */
class DisclosureTest {

    private final Disclosure standard = Disclosure.standard();

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void countsOfOneToFourReadLessThanFiveWhileZeroAndFiveAreShown() {
        Disclosure.Table table = standard.table();
        List<Disclosure.Count> counts = List.of(table.count(0), table.count(1), table.count(4), table.count(5), table.count(120));
        table.disclose();
        assertThat(counts).extracting(Disclosure.Count::shown).containsExactly(0L, "<5", "<5", 5L, 120L);
    }

    @Test
    void aTotalWithOneSmallPartHidesItsNextSmallestPartSoSubtractionGivesNothingBack() {
        Disclosure.Table table = standard.table();
        Disclosure.Count small = table.count(3);
        Disclosure.Count zero = table.count(0);
        Disclosure.Count next = table.count(40);
        Disclosure.Count big = table.count(500);
        Disclosure.Count total = table.count(543);
        table.sum(total, List.of(small, zero, next, big)).disclose();
        assertThat(small.shown()).isEqualTo("<5");
        assertThat(next.shown()).isEqualTo(Disclosure.HIDDEN); // the smallest non-zero part, not the zero
        assertThat(zero.shown()).isEqualTo(0L);
        assertThat(big.shown()).isEqualTo(500L);
        assertThat(total.shown()).isEqualTo(543L);
    }

    @Test
    void aTotalWhoseOtherPartsAreZeroIsHiddenItself() {
        Disclosure.Table table = standard.table();
        Disclosure.Count part = table.count(12);
        Disclosure.Count zero = table.count(0);
        Disclosure.Count rowTotal = table.count(12);
        Disclosure.Count small = table.count(2);
        Disclosure.Count columnTotal = table.count(14);
        // part is hidden to protect small in its column; in its row only the total is left to hide.
        table.sum(columnTotal, List.of(part, small)).sum(rowTotal, List.of(part, zero)).disclose();
        assertThat(small.shown()).isEqualTo("<5");
        assertThat(part.shown()).isEqualTo(Disclosure.HIDDEN);
        assertThat(rowTotal.shown()).isEqualTo(Disclosure.HIDDEN);
        assertThat(zero.shown()).isEqualTo(0L);
        assertThat(columnTotal.shown()).isEqualTo(14L);
    }

    @Test
    void hidingCascadesThroughNestedTotalsUntilNoSumHasExactlyOneHiddenCell() {
        Disclosure.Table table = standard.table();
        Disclosure.Count a1 = table.count(2);
        Disclosure.Count a2 = table.count(1);
        Disclosure.Count a = table.count(3);
        Disclosure.Count b1 = table.count(50);
        Disclosure.Count b2 = table.count(60);
        Disclosure.Count b = table.count(110);
        Disclosure.Count all = table.count(113);
        table.sum(a, List.of(a1, a2)).sum(b, List.of(b1, b2)).sum(all, List.of(a, b)).disclose();
        assertThat(a.hidden()).isTrue();
        assertThat(b.hidden()).as("the only other district: else all - b gives a back").isTrue();
        assertThat(b1.hidden()).as("b hidden alone among b's cells would be b1 + b2").isTrue();
        for (List<Disclosure.Count> sum : List.of(List.of(a, a1, a2), List.of(b, b1, b2), List.of(all, a, b))) {
            assertThat(sum.stream().filter(Disclosure.Count::hidden).count()).isNotEqualTo(1);
        }
    }

    @Test
    void aRateOverAHiddenCountIsHiddenSoRateTimesDenominatorGivesNothingBack() {
        Disclosure.Table table = standard.table();
        Disclosure.Count referred = table.count(5);
        Disclosure.Count completed = table.count(4);
        table.disclose();
        assertThat(referred.shown()).isEqualTo(5L);
        assertThat(completed.shown()).isEqualTo("<5");
        assertThat(table.measure(0.8, completed, referred).shown()).isNull();
        Disclosure.Table shown = standard.table();
        Disclosure.Count many = shown.count(50);
        Disclosure.Count done = shown.count(40);
        shown.disclose();
        assertThat(shown.measure(0.8, done, many).shown()).isEqualTo(0.8);
    }

    @Test
    void rolesExemptedByConfigurationSeeEveryNumberOthersDoNot() {
        Disclosure exemptNational = new Disclosure(new DisclosureProperties(5, List.of("NATIONAL")));
        signIn("ROLE_NATIONAL");
        Disclosure.Table table = exemptNational.table();
        Disclosure.Count three = table.count(3);
        table.disclose();
        assertThat(three.shown()).isEqualTo(3L);

        signIn("ROLE_DISTRICT", "REGION_3404");
        Disclosure.Table district = exemptNational.table();
        Disclosure.Count alsoThree = district.count(3);
        district.disclose();
        assertThat(alsoThree.shown()).isEqualTo("<5");
    }

    @Test
    void theThresholdComesFromConfigurationAndMustBePositive() {
        Disclosure ten = new Disclosure(new DisclosureProperties(10, List.of()));
        Disclosure.Table table = ten.table();
        Disclosure.Count nine = table.count(9);
        table.disclose();
        assertThat(nine.shown()).isEqualTo("<10");
        assertThatThrownBy(() -> new DisclosureProperties(0, List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    private static void signIn(String... authorities) {
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                "someone", null, AuthorityUtils.createAuthorityList(authorities)));
    }
}
