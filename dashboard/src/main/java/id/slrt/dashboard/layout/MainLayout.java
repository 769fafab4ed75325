package id.slrt.dashboard.layout;

import id.slrt.dashboard.security.RegionScope;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.PermitAll;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.i18n.LocaleChangeEvent;
import com.vaadin.flow.i18n.LocaleChangeObserver;
import com.vaadin.flow.router.AfterNavigationEvent;
import com.vaadin.flow.router.AfterNavigationObserver;
import com.vaadin.flow.router.QueryParameters;

import id.slrt.dashboard.filters.Filters;

import id.slrt.dashboard.i18n.Languages;
import id.slrt.dashboard.warehouse.Snapshot;
import id.slrt.dashboard.warehouse.Warehouse;

/**
 * The frame of every screen: the menu of the six views, the age of the data shown, and the language
 * switch. Menu links carry the current filters, so moving between views keeps period and region.
 */
@PermitAll
public class MainLayout extends AppLayout implements AfterNavigationObserver, LocaleChangeObserver {

    /** Menu entries: path and message key, in the order users meet them. */
    static final List<String[]> VIEWS = List.of(
            new String[] {"", "nav.national"}, new String[] {"peta", "nav.map"}, new String[] {"kabupaten", "nav.district"},
            new String[] {"peringatan", "nav.alerts"}, new String[] {"catatan", "nav.annotations"},
            new String[] {"rujukan", "nav.referrals"}, new String[] {"kualitas", "nav.quality"},
            new String[] {"jangkauan", "nav.reach"}, new String[] {"laporan", "nav.reports"},
            new String[] {"operasional", "nav.operations"});

    private final Warehouse warehouse;
    private final SideNav nav = new SideNav();
    private final List<SideNavItem> items = new ArrayList<>();
    private final Span appTitle = new Span();
    private final Span snapshotText = new Span();
    private final Button languageSwitch = new Button();
    private final Span userText = new Span();
    private final Button logout = new Button();
    private final AuthenticationContext authentication;
    private QueryParameters query = QueryParameters.empty();

    public MainLayout(Warehouse warehouse, AuthenticationContext authentication) {
        this.warehouse = warehouse;
        this.authentication = authentication;
        userText.setId("user-text");
        userText.getStyle().set("font-size", "var(--lumo-font-size-s)");
        logout.setId("logout");
        logout.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        logout.addClickListener(e -> authentication.logout());
        appTitle.getStyle().set("font-weight", "600").set("font-size", "var(--lumo-font-size-l)");
        snapshotText.setId("snapshot-text");
        snapshotText.getStyle().set("font-size", "var(--lumo-font-size-s)")
                .set("color", "var(--lumo-secondary-text-color)");
        languageSwitch.setId("language-switch");
        languageSwitch.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        languageSwitch.addClickListener(e -> {
            UI ui = UI.getCurrent();
            Languages.choose(ui, Languages.isIndonesian(ui.getLocale()) ? Languages.ENGLISH : Languages.INDONESIAN);
        });
        HorizontalLayout corner = new HorizontalLayout(snapshotText, languageSwitch, userText, logout);
        corner.setAlignItems(FlexComponent.Alignment.CENTER);
        corner.getStyle().set("margin-left", "auto").set("padding-right", "var(--lumo-space-m)");
        addToNavbar(new DrawerToggle(), appTitle, corner);
        for (String[] view : VIEWS) {
            SideNavItem item = new SideNavItem("", view[0]);
            item.setId("nav-" + (view[0].isEmpty() ? "nasional" : view[0]));
            items.add(item);
            nav.addItem(item);
        }
        addToDrawer(nav);
        setPrimarySection(Section.DRAWER);
        // Server round trips over a slow district link: show the bar early.
        UI.getCurrent().getLoadingIndicatorConfiguration().setFirstDelay(150);
        render();
    }

    @Override
    public void afterNavigation(AfterNavigationEvent event) {
        // The district view's year is its own; period, region and programme travel between views.
        java.util.Map<String, java.util.List<String>> params = new java.util.HashMap<>(
                event.getLocation().getQueryParameters().getParameters());
        params.keySet().retainAll(java.util.Set.of(Filters.FROM, Filters.TO, Filters.PROVINCE, Filters.DISTRICT,
                Filters.PROGRAMME));
        query = new QueryParameters(params);
        render();
    }

    @Override
    public void localeChange(LocaleChangeEvent event) {
        render();
    }

    private void render() {
        appTitle.setText(getTranslation("app.title"));
        languageSwitch.setText(getTranslation("language.switch"));
        languageSwitch.setTooltipText(getTranslation("language.switch.tooltip"));
        logout.setText(getTranslation("logout"));
        userText.setText(authentication.getPrincipalName().orElse(""));
        // Operations are for administrators; the others would only meet "access denied" there.
        items.get(VIEWS.size() - 1).setVisible(RegionScope.current().isAdmin());
        for (int i = 0; i < VIEWS.size(); i++) {
            items.get(i).setLabel(getTranslation(VIEWS.get(i)[1]));
            items.get(i).setPath(VIEWS.get(i)[0]);
            items.get(i).setQueryParameters(query);
        }
        var snapshot = warehouse.currentSnapshot();
        snapshotText.setVisible(snapshot.isPresent());
        snapshot.ifPresent(s -> snapshotText.setText(getTranslation("snapshot.label", label(s))));
    }

    private String label(Snapshot snapshot) {
        return snapshot.publishedAt().map(t -> Languages.dateTime(t, getLocale()) + ageSuffix(t))
                .orElse(snapshot.name());
    }

    private String ageSuffix(ZonedDateTime published) {
        long days = Duration.between(published, ZonedDateTime.now()).toDays();
        return days >= 2 ? " (" + getTranslation("snapshot.age.days", days) + ")" : "";
    }
}
