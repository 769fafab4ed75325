package id.slrt.dashboard.reports;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.i18n.LocaleChangeEvent;
import com.vaadin.flow.i18n.LocaleChangeObserver;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;

import id.slrt.dashboard.disclosure.Disclosure;
import id.slrt.dashboard.filters.FilterOptions;
import id.slrt.dashboard.filters.FilterService;
import id.slrt.dashboard.filters.Region;
import id.slrt.dashboard.i18n.Languages;
import id.slrt.dashboard.layout.Grids;
import id.slrt.dashboard.layout.MainLayout;
import id.slrt.dashboard.security.AccessDenied;
import id.slrt.dashboard.security.RegionScope;
import id.slrt.dashboard.warehouse.Snapshot;
import id.slrt.dashboard.warehouse.Warehouse;
import id.slrt.dashboard.warehouse.WarehouseException;

/**
 * Budget reports for Bappeda planners: a region and years, a preview, and the downloads (XLSX, CSV with
 * comma or semicolon, PDF) served by {@link ReportDownloadController}. URL:
 * {@code /laporan?wilayah=34&tahun=2018&sampai=2019}. SQL: {@link BudgetReportService}.
 */
@PermitAll
@Route(value = "laporan", layout = MainLayout.class)
public class ReportView extends VerticalLayout implements BeforeEnterObserver, LocaleChangeObserver, HasDynamicTitle {

    static final String REGION = "wilayah";
    static final String YEAR = "tahun";
    static final String TO_YEAR = "sampai";
    /** The region picker's entry for the whole country. */
    static final Region NATIONAL = new Region("", null, "Nasional", "");

    private final Warehouse warehouse;
    private final FilterService filterService;
    private final BudgetReportService service;
    private final H2 title = new H2();
    private final ComboBox<Region> region = new ComboBox<>();
    private final ComboBox<Integer> fromYear = new ComboBox<>();
    private final ComboBox<Integer> toYear = new ComboBox<>();
    private final FlexLayout downloads = new FlexLayout();
    private final Paragraph note = new Paragraph();
    private final Div emptyState = new Div();
    /** The report's rows as the files show them (BudgetReportFiles#rows: the disclosure policy applied). */
    private final Grid<List<Object>> preview = Grids.grid("report-grid");
    /** The next twelve months' projection (BudgetReportFiles#projectionRows), as the files show it. */
    private final H3 projectionTitle = new H3();
    private final Paragraph projectionNote = new Paragraph();
    private final Grid<List<Object>> projection = Grids.grid("projection-grid");
    /** The events recorded for the region in the report's years (BudgetReportFiles#annotationRows). */
    private final H3 annotationsTitle = new H3();
    private final Grid<List<Object>> annotations = Grids.grid("report-annotations-grid");
    private BudgetReport report;
    private String problem;
    private boolean filling;

    private final Disclosure disclosure;

    public ReportView(Warehouse warehouse, FilterService filterService, BudgetReportService service, Disclosure disclosure) {
        this.warehouse = warehouse;
        this.disclosure = disclosure;
        this.filterService = filterService;
        this.service = service;
        title.setId("title");
        title.getStyle().set("margin", "0");
        region.setId("report-region");
        region.setItemLabelGenerator(r -> r == NATIONAL ? getTranslation("filter.national") : r.labelWithCode());
        region.setWidth("18em");
        fromYear.setId("report-from");
        toYear.setId("report-to");
        fromYear.setItemLabelGenerator(String::valueOf);
        toYear.setItemLabelGenerator(String::valueOf);
        fromYear.setWidth("9em");
        toYear.setWidth("9em");
        region.addValueChangeListener(e -> changed());
        fromYear.addValueChangeListener(e -> changed());
        toYear.addValueChangeListener(e -> changed());
        downloads.setId("report-downloads");
        downloads.getStyle().set("gap", "var(--lumo-space-m)");
        emptyState.setId("empty-state");
        note.getStyle().set("font-size", "var(--lumo-font-size-s)").set("color", "var(--lumo-secondary-text-color)");
        preview.setAllRowsVisible(false);
        preview.setHeight("420px");
        FlexLayout pickers = new FlexLayout(region, fromYear, toYear);
        pickers.getStyle().set("gap", "var(--lumo-space-m)").set("align-items", "flex-end");
        pickers.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        projectionTitle.setId("projection-title");
        projectionNote.setId("projection-note");
        projectionNote.getStyle().set("font-size", "var(--lumo-font-size-s)").set("color", "var(--lumo-secondary-text-color)");
        annotationsTitle.setId("report-annotations-title");
        annotations.addThemeVariants(com.vaadin.flow.component.grid.GridVariant.LUMO_WRAP_CELL_CONTENT);
        annotations.setAllRowsVisible(true);
        add(title, pickers, downloads, emptyState, note, preview, projectionTitle, projectionNote, projection,
                annotationsTitle, annotations);
        setMaxWidth("1400px");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        QueryParameters query = event.getLocation().getQueryParameters();
        problem = null;
        report = null;
        Snapshot snapshot = warehouse.currentSnapshot().orElse(null);
        try {
            if (snapshot != null) {
                FilterOptions options = filterService.options(snapshot);
                if (options.hasData()) {
                    RegionScope scope = RegionScope.current();
                    String asked = query.getSingleParameter(REGION).orElse(scope.seesAll() ? null : scope.region());
                    int last = options.last().getYear();
                    int from = query.getSingleParameter(YEAR).map(ReportView::year).orElse(last);
                    int to = query.getSingleParameter(TO_YEAR).map(ReportView::year).orElse(from);
                    report = service.report(snapshot, asked == null || asked.isBlank() ? null : asked, from, Math.max(from, to));
                    fill(options, asked, from, Math.max(from, to));
                }
            }
        } catch (AccessDenied e) {
            problem = getTranslation(e.messageKey(), e.asked(), e.allowed());
        } catch (WarehouseException | IllegalArgumentException e) {
            problem = getTranslation("empty.error", e.getMessage());
        }
        if (snapshot == null && problem == null) {
            problem = getTranslation("empty.noEtl", warehouse.root().toString());
        }
        render();
    }

    private static int year(String text) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("tahun '" + text + "'");
        }
    }

    private void fill(FilterOptions options, String asked, int from, int to) {
        filling = true;
        try {
            List<Region> regions = new ArrayList<>();
            if (RegionScope.current().seesAll()) {
                regions.add(NATIONAL);
            }
            regions.addAll(options.provinces());
            regions.addAll(options.districts());
            region.setItems(regions);
            region.setValue(asked == null ? NATIONAL : regions.stream().filter(r -> r.code().equals(asked)).findFirst().orElse(null));
            List<Integer> years = IntStream.rangeClosed(options.first().getYear(), options.last().getYear()).boxed().toList();
            fromYear.setItems(years);
            toYear.setItems(years);
            fromYear.setValue(from);
            toYear.setValue(to);
        } finally {
            filling = false;
        }
    }

    private void changed() {
        if (filling || fromYear.getValue() == null || toYear.getValue() == null) {
            return;
        }
        Map<String, String> params = new LinkedHashMap<>();
        Region r = region.getValue();
        if (r != null && r != NATIONAL) {
            params.put(REGION, r.code());
        }
        params.put(YEAR, String.valueOf(Math.min(fromYear.getValue(), toYear.getValue())));
        params.put(TO_YEAR, String.valueOf(Math.max(fromYear.getValue(), toYear.getValue())));
        UI.getCurrent().navigate(ReportView.class, QueryParameters.simple(params));
    }

    @Override
    public void localeChange(LocaleChangeEvent event) {
        render();
    }

    @Override
    public String getPageTitle() {
        return getTranslation("reports.title") + " · " + getTranslation("app.title");
    }

    private void render() {
        Locale locale = getLocale();
        title.setText(getTranslation("reports.title"));
        UI.getCurrent().getPage().setTitle(getPageTitle());
        region.setLabel(getTranslation("reports.region"));
        fromYear.setLabel(getTranslation("reports.from"));
        toYear.setLabel(getTranslation("reports.to"));
        emptyState.setText(problem == null ? "" : problem);
        emptyState.setVisible(problem != null);
        boolean shown = problem == null && report != null;
        preview.setVisible(shown);
        downloads.setVisible(shown);
        note.setVisible(shown);
        boolean projected = shown && !report.projection().isEmpty();
        projectionTitle.setVisible(projected);
        projectionNote.setVisible(projected);
        projection.setVisible(projected);
        boolean annotated = shown && !report.annotations().isEmpty();
        annotationsTitle.setVisible(annotated);
        annotations.setVisible(annotated);
        if (!shown) {
            return;
        }
        if (annotated) {
            annotationsTitle.setText(getTranslation("reports.annotations.title", report.years()));
            annotations.removeAllColumns();
            List<String> notesHeaders = List.of(getTranslation("annotations.from"), getTranslation("annotations.to"),
                    getTranslation("annotations.col.region"), getTranslation("annotations.col.kind"),
                    getTranslation("annotations.col.text"));
            for (int c = 0; c < notesHeaders.size(); c++) {
                int column = c;
                var col = annotations.addColumn(row -> String.valueOf(row.get(column))).setHeader(notesHeaders.get(c));
                if (c == 4) {
                    col.setFlexGrow(6).setWidth("24em");
                } else {
                    col.setAutoWidth(true);
                }
            }
            annotations.setItems(BudgetReportFiles.annotationRows(report));
        }
        note.setText(getTranslation("reports.note", BudgetReportFiles.title(report)));
        downloads.removeAll();
        String base = "laporan/unduh?" + (report.lines().isEmpty() && region.getValue() == null ? "" : regionParam())
                + "year=" + report.fromYear() + "&toYear=" + report.toYear() + "&format=";
        downloads.add(link("download-xlsx", "reports.xlsx", base + "xlsx"), link("download-csv", "reports.csv", base + "csv"),
                link("download-csv-semicolon", "reports.csvSemicolon", base + "csv&delimiter=semicolon"),
                link("download-pdf", "reports.pdf", base + "pdf"));
        preview.removeAllColumns();
        List<String> headers = BudgetReport.HEADERS;
        for (int c = 0; c < headers.size(); c++) {
            int column = c;
            preview.addColumn(row -> shown(row.get(column), locale)).setHeader(headers.get(c)).setAutoWidth(true);
        }
        preview.setItems(BudgetReportFiles.rows(report, disclosure));
        if (projected) {
            drawProjection(locale);
        }
    }

    private void drawProjection(Locale locale) {
        BudgetReport.Projection p = report.projection();
        projectionTitle.setText(getTranslation("reports.projection.title", p.label()));
        projectionNote.setText(getTranslation("reports.projection.note", Languages.yearMonth(p.from(), locale),
                Languages.yearMonth(p.to(), locale)));
        projection.removeAllColumns();
        List<String> headers = List.of(getTranslation("reports.projection.measure"), getTranslation("reports.projection.programme"),
                getTranslation("reports.projection.expected"), getTranslation("reports.projection.low"),
                getTranslation("reports.projection.high"));
        for (int c = 0; c < headers.size(); c++) {
            int column = c;
            Grid.Column<List<Object>> col = projection.addColumn(row -> projectionCell(row, column, locale)).setHeader(headers.get(c))
                    .setAutoWidth(true);
            if (c >= 2) {
                col.setTextAlign(com.vaadin.flow.component.grid.ColumnTextAlign.END);
            }
        }
        projection.getElement().setAttribute("aria-label", getTranslation("reports.projection.title", p.label()));
        projection.setItems(BudgetReportFiles.projectionRows(report, disclosure));
    }

    /** A projection cell: the measure and programme in the screen's language, numbers in its format. */
    private String projectionCell(List<Object> row, int column, Locale locale) {
        Object cell = row.get(column);
        if (column == 0) {
            return getTranslation(row.get(1).equals("") ? "reports.projection.referrals" : "reports.projection.visits");
        }
        if (column == 1 && cell.equals("Semua program")) {
            return getTranslation("reports.projection.allProgrammes");
        }
        return shown(cell, locale);
    }

    private String regionParam() {
        Region r = region.getValue();
        return r == null || r == NATIONAL ? "" : "region=" + r.code() + "&";
    }

    private static String shown(Object cell, Locale locale) {
        return cell instanceof Long n ? Languages.integer(n, locale) : cell instanceof Double d ? Languages.percent(d, locale)
                : String.valueOf(cell);
    }

    private Anchor link(String id, String key, String href) {
        Anchor anchor = new Anchor(href, getTranslation(key));
        anchor.setId(id);
        anchor.setRouterIgnore(true);
        anchor.getElement().setAttribute("download", true);
        return anchor;
    }
}
