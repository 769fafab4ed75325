package id.slrt.dashboard.i18n;

import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import org.springframework.stereotype.Component;

/**
 * Vaadin gives each new UI the browser's language when it is one we provide; this puts the session's
 * chosen language (Indonesian unless switched) in its place, for every view.
 */
@Component
public class IndonesianByDefault implements VaadinServiceInitListener {

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addUIInitListener(init -> init.getUI().setLocale(Languages.chosen(init.getUI().getSession())));
    }
}
