package id.slrt.dashboard.mail;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.security.core.GrantedAuthority;

import id.slrt.dashboard.i18n.Languages;
import id.slrt.dashboard.security.ConfiguredUsers;
import id.slrt.dashboard.security.RegionScope;

/**
 * {@code slrt.mail} in application.yml: the monthly report mail. The SMTP server is Spring Boot's
 * {@code spring.mail.*}; the check interval is {@code slrt.mail.check-every} (read by the schedule).
 *
 * @param enabled     whether the dashboard looks for new snapshots and sends; off by default
 * @param from        the sender address
 * @param subscribers who gets which region's report
 * @param sentLog     one line per mail sent, so a restart or the next snapshot never sends a month twice
 */
@ConfigurationProperties(prefix = "slrt.mail")
public record MailProperties(@DefaultValue("false") boolean enabled, String from,
                             @DefaultValue List<Subscriber> subscribers,
                             @DefaultValue("data/state/mail/sent.tsv") Path sentLog) {

    public MailProperties {
        // A wrong subscriber fails at start-up, like a wrong user, not at the first month's sending.
        for (int i = 0; i < subscribers.size(); i++) {
            String problem = subscribers.get(i).problem();
            if (problem != null) {
                throw new IllegalArgumentException("slrt.mail.subscribers[" + i + "]: " + problem);
            }
        }
    }

    /**
     * @param name     how the mail greets them ("Bappeda DI Yogyakarta"); optional
     * @param email    where the report goes
     * @param region   a 2-digit province or 4-digit district code; empty or "nasional" for all of Indonesia
     * @param language {@code id} (default) or {@code en}
     */
    public record Subscriber(String name, String email, String region, String language) {

        static final String NATIONAL = "nasional";

        /** The region's code, or null for national. */
        public String regionCode() {
            return region == null || region.isBlank() || region.strip().equalsIgnoreCase(NATIONAL) ? null : region.strip();
        }

        /** "34", "3404" or "nasional": how the sent log and the audit log name the region. */
        public String regionName() {
            return regionCode() == null ? NATIONAL : regionCode();
        }

        public Locale locale() {
            return "en".equalsIgnoreCase(language == null ? "" : language.strip()) ? Languages.ENGLISH : Languages.INDONESIAN;
        }

        /** The authorities of a user with this region: what the services' region scope narrows to. */
        public List<GrantedAuthority> authorities() {
            String code = regionCode();
            String role = code == null ? RegionScope.NATIONAL : code.length() == 2 ? RegionScope.PROVINCE : RegionScope.DISTRICT;
            return ConfiguredUsers.authorities(role, code);
        }

        /** Greeting name: the name, else the address. */
        public String displayName() {
            return name == null || name.isBlank() ? email : name.strip();
        }

        private String problem() {
            if (email == null || !email.strip().matches("[^@\\s]+@[^@\\s]+")) {
                return "email '" + email + "' is not an address";
            }
            String code = regionCode();
            if (code != null && !code.matches("\\d{2}|\\d{4}")) {
                return email + " has region '" + region + "'; use a 2-digit province, a 4-digit district or nasional";
            }
            if (language != null && !language.isBlank() && !language.strip().matches("(?i)id|en")) {
                return email + " has language '" + language + "'; use id or en";
            }
            return null;
        }
    }
}
