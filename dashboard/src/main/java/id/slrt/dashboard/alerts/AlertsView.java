package id.slrt.dashboard.alerts;

import jakarta.annotation.security.PermitAll;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;

import id.slrt.dashboard.annotations.Annotation;
import id.slrt.dashboard.annotations.AnnotationsService;
import id.slrt.dashboard.disclosure.Disclosure;
import id.slrt.dashboard.filters.FilterService;
import id.slrt.dashboard.filters.Filters;
import id.slrt.dashboard.i18n.Languages;
import id.slrt.dashboard.i18n.MessagesI18NProvider;
import id.slrt.dashboard.layout.FilteredView;
import id.slrt.dashboard.layout.Grids;
import id.slrt.dashboard.layout.MainLayout;
import id.slrt.dashboard.visits.MonthlyVisitsView;
import id.slrt.dashboard.warehouse.Warehouse;

/**
 * Peringatan (alerts): the unusual months of the user's region, newest first, each said in a sentence,
 * filterable by measure ({@code ?ukuran=visits}) and programme, each linking to the district page of
 * its year. SQL and method: {@link AlertsService}, {@link Baseline}.
 */
@PermitAll
@Route(value = "peringatan", layout = MainLayout.class)
public class AlertsView extends FilteredView {

    public static final String MEASURE_PARAM = "ukuran";

    private final AlertsService service;
    private final Disclosure disclosure;
    private final MessagesI18NProvider i18n;
    private final Select<String> measurePicker = new Select<>();
    private final Paragraph summary = new Paragraph();
    private final Paragraph method = new Paragraph();
    private final Grid<ShownAlert> grid = Grids.grid("alerts-grid");
    private Measure measure;
    private List<Alert> alerts = List.of();
    private final AnnotationsService annotationsService;
    private List<Annotation> annotations = List.of();
    private boolean filling;

    public AlertsView(Warehouse warehouse, FilterService filterService, AlertsService service, Disclosure disclosure,
                      MessagesI18NProvider i18n, AnnotationsService annotationsService) {
        super(warehouse, filterService, "alerts.title", true);
        this.annotationsService = annotationsService;
        this.service = service;
        this.disclosure = disclosure;
        this.i18n = i18n;
        measurePicker.setId("measure-picker");
        measurePicker.setItems(java.util.stream.Stream.concat(java.util.stream.Stream.of(""),
                java.util.Arrays.stream(Measure.values()).map(Measure::code)).toList());
        measurePicker.addValueChangeListener(e -> {
            if (!filling && e.isFromClient()) {
                measure = Measure.of(e.getValue()).orElse(null);
                navigate(filters);
            }
        });
        summary.setId("alerts-summary");
        method.setId("alerts-method");
        method.getStyle().set("font-size", "var(--lumo-font-size-s)").set("color", "var(--lumo-secondary-text-color)");
        // The sentence is what a reader acts on: wrapped, never cut.
        grid.addThemeVariants(com.vaadin.flow.component.grid.GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.setAllRowsVisible(false);
        grid.setHeight("36em");
        content.add(measurePicker, summary, grid, method);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        // Before the filters are completed: a forward to the completed URL keeps the measure.
        measure = event.getLocation().getQueryParameters().getSingleParameter(MEASURE_PARAM).flatMap(Measure::of).orElse(null);
        super.beforeEnter(event);
    }

    @Override
    protected void load() {
        alerts = service.alerts(snapshot, filters, measure, options.last());
        annotations = annotationsService.forRegion(filters);
    }

    @Override
    protected boolean hasData() {
        return true; // no alert is an answer too, said in words
    }

    @Override
    protected QueryParameters own(QueryParameters filterQuery) {
        if (measure == null) {
            return filterQuery;
        }
        Map<String, List<String>> params = new HashMap<>(filterQuery.getParameters());
        params.put(MEASURE_PARAM, List.of(measure.code()));
        return new QueryParameters(params);
    }

    @Override
    protected void draw(Locale locale) {
        filling = true;
        measurePicker.setLabel(getTranslation("alerts.measure"));
        measurePicker.setItemLabelGenerator(code -> code.isEmpty() ? getTranslation("alerts.measure.all")
                : getTranslation("alerts.measure." + code));
        measurePicker.setValue(measure == null ? "" : measure.code());
        filling = false;

        List<ShownAlert> shown = ShownAlert.of(alerts, disclosure, options::label, getTranslation("alerts.nation"));
        long higher = alerts.stream().filter(a -> a.measure() != Measure.NO_EXPORT && a.higher()).count();
        long silent = alerts.stream().filter(a -> a.measure() == Measure.NO_EXPORT).count();
        summary.setText(alerts.isEmpty() ? getTranslation("alerts.none", describe(locale))
                : getTranslation("alerts.summary", Languages.integer(alerts.size(), locale), describe(locale),
                Languages.integer(higher, locale), Languages.integer(alerts.size() - higher - silent, locale),
                Languages.integer(silent, locale)));
        method.setText(getTranslation("alerts.method"));

        grid.removeAllColumns();
        Grids.text(grid, getTranslation("alerts.col.month"), a -> Languages.yearMonth(a.alert().month(), locale))
                .setComparator(a -> a.alert().month());
        Grids.text(grid, getTranslation("alerts.col.region"), ShownAlert::region);
        Grids.text(grid, getTranslation("alerts.col.measure"), a -> getTranslation("alerts.measure." + a.alert().measure().code()));
        Grids.text(grid, getTranslation("alerts.col.programme"),
                a -> a.alert().programme() == null ? getTranslation("alerts.programme.all") : a.alert().programme());
        Grids.text(grid, getTranslation("alerts.col.observed"), a -> a.alert().measure() == Measure.NO_EXPORT ? "–"
                : a.number(a.observed(), locale));
        Grids.text(grid, getTranslation("alerts.col.usual"), a -> a.low() == null ? "–"
                : a.number(a.low(), locale) + "–" + a.number(a.high(), locale));
        grid.addColumn(a -> a.sentence(i18n, locale)).setHeader(getTranslation("alerts.col.sentence"))
                .setFlexGrow(6).setAutoWidth(false).setWidth("24em");
        // Beside each alert, what users recorded of its region (or a region containing it) for its month.
        grid.addColumn(a -> AnnotationsService.said(annotations, a.alert().code(), a.alert().month(), this::getTranslation)).setHeader(getTranslation("alerts.col.annotations"))
                .setFlexGrow(3).setAutoWidth(false).setWidth("14em");
        grid.addComponentColumn(a -> {
            Anchor link = new Anchor(link(a.alert()), getTranslation("alerts.link"));
            link.setVisible(a.alert().level().equals(Alert.DISTRICT));
            return link;
        }).setHeader(getTranslation("alerts.col.open"));
        grid.setItems(shown);
    }

    /** The district page of the alert's district and year. */
    private static String link(Alert a) {
        return "kabupaten?" + Filters.DISTRICT + "=" + a.code() + "&" + MonthlyVisitsView.YEAR_PARAM + "=" + a.month().getYear();
    }
}
