package id.slrt.dashboard.layout;

import id.slrt.dashboard.security.RegionScope;
import id.slrt.dashboard.security.AccessDenied;
import java.util.Locale;
import java.util.Optional;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.i18n.LocaleChangeEvent;
import com.vaadin.flow.i18n.LocaleChangeObserver;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.QueryParameters;

import id.slrt.dashboard.filters.FilterBar;
import id.slrt.dashboard.filters.FilterOptions;
import id.slrt.dashboard.filters.FilterService;
import id.slrt.dashboard.filters.Filters;
import id.slrt.dashboard.warehouse.Snapshot;
import id.slrt.dashboard.warehouse.Warehouse;
import id.slrt.dashboard.warehouse.WarehouseException;

/**
 * A screen filtered by period, region and programme, all from the URL. {@link #beforeEnter} fills in
 * what the URL leaves out (and puts it in the address bar, so the screen can be shared as it is), loads
 * the data of the current snapshot once, and draws; a filter change navigates to the new URL.
 * Subclasses load their numbers in {@link #load} and draw them in {@link #draw}.
 */
public abstract class FilteredView extends VerticalLayout
        implements BeforeEnterObserver, LocaleChangeObserver, HasDynamicTitle {

    protected final Warehouse warehouse;
    private final FilterService filterService;
    private final String titleKey;
    protected final H2 title = new H2();
    protected final FilterBar filterBar;
    /** Why there is nothing to show (no snapshot, no data for the filters, an error). */
    protected final Div emptyState = new Div();
    /** The screen's content, hidden when {@link #emptyState} speaks. */
    protected final VerticalLayout content = new VerticalLayout();

    protected Snapshot snapshot;
    protected FilterOptions options = FilterOptions.EMPTY;
    protected Filters filters = Filters.NONE;
    private String problem;
    private boolean loaded;

    protected FilteredView(Warehouse warehouse, FilterService filterService, String titleKey, boolean withProgramme) {
        this.warehouse = warehouse;
        this.filterService = filterService;
        this.titleKey = titleKey;
        this.filterBar = new FilterBar(this::navigate, withProgramme);
        title.setId("title");
        title.getStyle().set("margin", "0");
        emptyState.setId("empty-state");
        emptyState.getStyle().set("padding", "var(--lumo-space-l) 0").set("color", "var(--lumo-secondary-text-color)");
        content.setPadding(false);
        content.setWidthFull();
        add(title, filterBar, emptyState, content);
        setWidthFull();
        setMaxWidth("1400px");
    }

    /** Loads the numbers for {@link #filters} from {@link #snapshot}; may throw WarehouseException. */
    protected abstract void load();

    /** Whether {@link #load} found anything for the filters. */
    protected abstract boolean hasData();

    /** Draws the loaded numbers in the given language. */
    protected abstract void draw(Locale locale);

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        Filters requested = Filters.of(event.getLocation().getQueryParameters());
        problem = null;
        Optional<Snapshot> current = warehouse.currentSnapshot();
        snapshot = current.orElse(null);
        try {
            options = snapshot == null ? FilterOptions.EMPTY : filterService.options(snapshot);
            // A regional user's region goes into the URL too; another region is refused here.
            filters = options.hasData() ? RegionScope.current().enforce(options.complete(requested)).filters() : requested;
            if (options.hasData() && !filters.toQuery().equals(requested.toQuery())) {
                event.forwardTo(event.getLocation().getPath(), own(filters.toQuery()));
                return;
            }
            if (options.hasData()) {
                load();
            }
        } catch (WarehouseException e) {
            problem = getTranslation("empty.error", e.getMessage());
        } catch (AccessDenied e) {
            // Nothing of the asked region is loaded or shown, not even in the pickers.
            problem = getTranslation(e.messageKey(), e.asked(), e.allowed());
            filters = Filters.NONE;
        }
        loaded = true;
        render();
    }

    @Override
    public void localeChange(LocaleChangeEvent event) {
        if (loaded) {
            render();
        }
    }

    @Override
    public String getPageTitle() {
        return getTranslation(titleKey) + " · " + getTranslation("app.title");
    }

    private void render() {
        Locale locale = getLocale();
        title.setText(getTranslation(titleKey));
        UI.getCurrent().getPage().setTitle(getPageTitle());
        filterBar.show(filters, options, locale);
        String message = problem;
        if (message == null && snapshot == null) {
            message = getTranslation("empty.noEtl", warehouse.root().toString());
        } else if (message == null && !options.hasData()) {
            message = getTranslation("empty.noVisits", snapshot.name());
        } else if (message == null && !hasData()) {
            message = getTranslation("empty.filters", describe(locale));
        }
        filterBar.setVisible(snapshot != null && options.hasData() && problem == null);
        emptyState.setText(message == null ? "" : message);
        emptyState.setVisible(message != null);
        content.setVisible(message == null);
        if (message == null) {
            draw(locale);
        }
    }

    /** "Kab. Sleman, Januari 2018 – Desember 2018, KIS": what the filters ask for, in words. */
    protected String describe(Locale locale) {
        StringBuilder text = new StringBuilder();
        String region = filters.district() != null ? options.label(filters.district())
                : filters.province() != null ? options.label(filters.province()) : getTranslation("filter.national");
        text.append(region);
        if (filters.isComplete()) {
            text.append(", ").append(id.slrt.dashboard.i18n.Languages.yearMonth(filters.from(), locale))
                    .append(" – ").append(id.slrt.dashboard.i18n.Languages.yearMonth(filters.to(), locale));
        }
        if (filters.programme() != null) {
            text.append(", ").append(filters.programme());
        }
        return text.toString();
    }

    /** Parts side by side that wrap on a narrow screen (figures, charts); each grows from its basis. */
    protected static com.vaadin.flow.component.orderedlayout.FlexLayout row(String basis, Component... parts) {
        com.vaadin.flow.component.orderedlayout.FlexLayout row = new com.vaadin.flow.component.orderedlayout.FlexLayout(parts);
        row.setFlexWrap(com.vaadin.flow.component.orderedlayout.FlexLayout.FlexWrap.WRAP);
        row.setWidthFull();
        row.getStyle().set("gap", "var(--lumo-space-m)");
        if (basis != null) {
            for (Component part : parts) {
                part.getElement().getStyle().set("flex", "1 1 " + basis);
            }
        }
        return row;
    }

    /** A region's name from its code; "" (or null) is the nation. */
    protected String regionLabel(String code) {
        return code == null || code.isEmpty() ? getTranslation("filter.national") : options.label(code);
    }

    /** Section titles within the screen. */
    protected static void headings(com.vaadin.flow.component.html.Paragraph... titles) {
        for (var title : titles) {
            title.getStyle().set("font-weight", "600").set("margin", "0");
        }
    }

    /** Shows the same screen with other filters: a new URL, so reload and back work. */
    protected void navigate(Filters next) {
        getUI().ifPresent(ui -> ui.navigate(getClass(), own(next.toQuery())));
    }

    /** The filters' parameters plus the screen's own ones (a measure, a sort), so they survive a reload. */
    protected QueryParameters own(QueryParameters filterQuery) {
        return filterQuery;
    }

    /** Navigates to another screen with these filters. */
    protected void navigate(Class<? extends Component> view, Filters next) {
        getUI().ifPresent(ui -> ui.navigate(view, next.toQuery()));
    }
}
