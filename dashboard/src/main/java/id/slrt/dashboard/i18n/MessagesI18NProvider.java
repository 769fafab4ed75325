package id.slrt.dashboard.i18n;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

import com.vaadin.flow.i18n.I18NProvider;
import org.springframework.stereotype.Component;

/**
 * Texts from {@code messages_id.properties} and {@code messages_en.properties}; Vaadin finds this bean
 * and uses it for every {@code getTranslation(...)}.
 *
 * <p>Parameters are passed to {@link MessageFormat} already formatted as strings: MessageFormat would
 * otherwise print the year 2018 as "2,018".
 */
@Component
public class MessagesI18NProvider implements I18NProvider {

    private static final String BUNDLE = "messages";
    // No fallback to the JVM's default locale: an unknown locale gets Indonesian, not whatever the
    // server happens to run with.
    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    @Override
    public List<Locale> getProvidedLocales() {
        return Languages.SUPPORTED;
    }

    @Override
    public String getTranslation(String key, Locale locale, Object... params) {
        ResourceBundle bundle = ResourceBundle.getBundle(BUNDLE, Languages.supported(locale), NO_FALLBACK);
        String pattern;
        try {
            pattern = bundle.getString(key);
        } catch (MissingResourceException e) {
            // Visible on screen, so a missing key is found at the first look rather than hidden.
            return "!" + key + "!";
        }
        return params.length == 0 ? pattern : new MessageFormat(pattern, bundle.getLocale()).format(params);
    }
}
