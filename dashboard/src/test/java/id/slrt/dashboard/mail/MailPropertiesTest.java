package id.slrt.dashboard.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import id.slrt.dashboard.i18n.Languages;
import id.slrt.dashboard.security.RegionScope;

/** Subscribers without Spring: the region scope each one's reports run under, and what start-up refuses. */
class MailPropertiesTest {

    @Test
    void aSubscribersRegionBecomesTheScopeOfTheirQueries() {
        assertThat(scope("34")).isEqualTo(new RegionScope(RegionScope.PROVINCE, "34"));
        assertThat(scope("3404")).isEqualTo(new RegionScope(RegionScope.DISTRICT, "3404"));
        assertThat(scope("nasional")).isEqualTo(new RegionScope(RegionScope.NATIONAL, null));
        assertThat(scope("")).isEqualTo(new RegionScope(RegionScope.NATIONAL, null));
        assertThat(scope(null)).isEqualTo(new RegionScope(RegionScope.NATIONAL, null));
    }

    @Test
    void indonesianUnlessEnglishIsAskedFor() {
        assertThat(subscriber("34", null).locale()).isEqualTo(Languages.INDONESIAN);
        assertThat(new MailProperties.Subscriber(null, "a@b.example", "34", "EN").locale()).isEqualTo(Languages.ENGLISH);
    }

    @Test
    void aWrongSubscriberStopsTheStartWithWhatIsWrong() {
        assertThatThrownBy(() -> properties(subscriber("340", null))).hasMessageContaining("subscribers[0]")
                .hasMessageContaining("region '340'");
        assertThatThrownBy(() -> properties(new MailProperties.Subscriber("x", "not-an-address", "34", null)))
                .hasMessageContaining("not an address");
        assertThatThrownBy(() -> properties(new MailProperties.Subscriber("x", "a@b.example", "34", "jv")))
                .hasMessageContaining("language 'jv'");
    }

    private static RegionScope scope(String region) {
        return RegionScope.of(subscriber(region, null).authorities());
    }

    private static MailProperties.Subscriber subscriber(String region, String language) {
        return new MailProperties.Subscriber("Uji", "uji@pemda.example", region, language);
    }

    private static MailProperties properties(MailProperties.Subscriber subscriber) {
        return new MailProperties(true, "slrt@kemensos.example", List.of(subscriber), Path.of("sent.tsv"));
    }
}
