package id.slrt.dashboard.visits;

import jakarta.annotation.security.PermitAll;
import java.time.Month;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.LongFunction;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.charts.Chart;
import com.vaadin.flow.component.charts.ChartOptions;
import com.vaadin.flow.component.charts.model.ChartType;
import com.vaadin.flow.component.charts.model.Configuration;
import com.vaadin.flow.component.charts.model.DataLabels;
import com.vaadin.flow.component.charts.model.DataSeries;
import com.vaadin.flow.component.charts.model.DataSeriesItem;
import com.vaadin.flow.component.charts.model.Lang;
import com.vaadin.flow.component.charts.model.DashStyle;
import com.vaadin.flow.component.charts.model.Marker;
import com.vaadin.flow.component.charts.model.PlotOptionsArearange;
import com.vaadin.flow.component.charts.model.PlotOptionsColumn;
import com.vaadin.flow.component.charts.model.PlotOptionsLine;
import com.vaadin.flow.component.charts.model.SeriesTooltip;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.charts.model.style.SolidColor;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.i18n.LocaleChangeEvent;
import com.vaadin.flow.i18n.LocaleChangeObserver;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;

import id.slrt.dashboard.alerts.AlertsService;
import id.slrt.dashboard.disclosure.Disclosure;
import id.slrt.dashboard.layout.Grids;
import id.slrt.dashboard.i18n.Languages;
import id.slrt.dashboard.warehouse.WarehouseException;

/**
 * For district heads: the monthly visits of one district in one year, as a column chart with the peak
 * month highlighted, the same months of earlier years, the split by service point, programme and need,
 * and the visits per working day in the peak month. The SQL is in {@link VisitsService}.
 *
 * <p>The URL is the state ({@code /kabupaten?kabupaten=3404&tahun=2018}): a picker change navigates to the new
 * URL and {@link #beforeEnter} draws whatever the URL says, so reloads, shared links and the back
 * button all show the same screen.
 */
@PermitAll
@Route(value = "kabupaten", layout = id.slrt.dashboard.layout.MainLayout.class)
public class MonthlyVisitsView extends VerticalLayout
        implements BeforeEnterObserver, LocaleChangeObserver, HasDynamicTitle {

    public static final String DISTRICT_PARAM = "kabupaten";
    public static final String YEAR_PARAM = "tahun";

    static final String MONTH_COLOUR_HEX = "#1c7ed6";
    static final String PEAK_COLOUR_HEX = "#e8590c";
    static final SolidColor MONTH_COLOUR = new SolidColor(MONTH_COLOUR_HEX);
    static final SolidColor PEAK_COLOUR = new SolidColor(PEAK_COLOUR_HEX);
    static final SolidColor BAND_COLOUR = new SolidColor("#868e96");
    static final SolidColor FORECAST_COLOUR = new SolidColor("#1c7ed6");

    private final VisitsService visits;

    private final H2 title = new H2();
    private final ComboBox<District> districtPicker = new ComboBox<>();
    private final Select<Integer> yearPicker = new Select<>();
    private final ComboBox<String> programmePicker = new ComboBox<>();
    /** The programme in the URL ({@code program}); null: all. */
    private String programme;
    private final Paragraph peakText = new Paragraph();
    private final Paragraph totalText = new Paragraph();
    private final Chart chart = new Chart(ChartType.COLUMN);
    private final Div emptyState = new Div();
    private final Chart yearsChart = id.slrt.dashboard.layout.Charts.create("years-chart", ChartType.LINE, "300px");
    private final Chart servicePointChart = id.slrt.dashboard.layout.Charts.create("service-point-chart", ChartType.PIE, "280px");
    private final Chart programmeChart = id.slrt.dashboard.layout.Charts.create("programme-chart", ChartType.BAR, "380px");
    private final Chart needChart = id.slrt.dashboard.layout.Charts.create("need-chart", ChartType.BAR, "300px");
    private final Paragraph workingDayText = new Paragraph();
    /** The chart's numbers, for those who cannot read a chart: month, visits, usual range. */
    private final Grid<BandRow> bandGrid = Grids.grid("band-grid");
    private final Paragraph bandNote = new Paragraph();
    /*
     * WHY a separate chart for the outlook, not the x axis extended: the forecast's twelve months are the
     * twelve after the snapshot's last month, which need not start in January; on their own axis they are
     * always one run of months, and the year's chart keeps twelve labelled columns a reader can compare.
     */
    private final Chart forecastChart = id.slrt.dashboard.layout.Charts.create("forecast-chart", ChartType.LINE, "280px");
    private final Grid<ForecastRow> forecastGrid = Grids.grid("forecast-grid");
    private final com.vaadin.flow.component.orderedlayout.FlexLayout details = new com.vaadin.flow.component.orderedlayout.FlexLayout();

    private VisitsOverview overview;
    private String error;
    private boolean loaded;
    // Set while the pickers are filled from the URL, so that filling them does not navigate again.
    private boolean showing;

    private final Disclosure disclosure;

    private final id.slrt.dashboard.annotations.AnnotationsService annotations;
    private final id.slrt.dashboard.annotations.AnnotationNotes notes =
            new id.slrt.dashboard.annotations.AnnotationNotes("visits-chart-annotations");

    public MonthlyVisitsView(VisitsService visits, Disclosure disclosure,
                             id.slrt.dashboard.annotations.AnnotationsService annotations) {
        this.annotations = annotations;
        this.visits = visits;
        this.disclosure = disclosure;

        title.setId("title");
        title.getStyle().set("margin", "0");
        HorizontalLayout header = new HorizontalLayout(title);
        header.setWidthFull();

        districtPicker.setId("district-picker");
        districtPicker.setItemLabelGenerator(District::label);
        districtPicker.setWidth("22em");
        districtPicker.addValueChangeListener(e -> {
            if (showing) {
                return;
            }
            if (e.getValue() != null) {
                districtChosen(e.getValue());
            } else {
                render(); // cleared by the user: show the district on screen again
            }
        });
        yearPicker.setId("year-picker");
        yearPicker.setItemLabelGenerator(String::valueOf);
        yearPicker.setWidth("8em");
        yearPicker.addValueChangeListener(e -> {
            if (!showing && e.getValue() != null && overview != null && overview.district() != null) {
                show(overview.district().code(), e.getValue());
            }
        });
        peakText.setId("peak-text");
        totalText.setId("total-text");
        peakText.getStyle().set("margin", "0").set("font-weight", "600");
        totalText.getStyle().set("margin", "0");
        VerticalLayout figures = new VerticalLayout(peakText, totalText);
        figures.setWidth(null);
        figures.setPadding(false);
        figures.setSpacing(false);
        figures.getStyle().set("margin-left", "var(--lumo-space-l)");
        programmePicker.setId("filter-programme");
        programmePicker.setItems(id.slrt.dashboard.filters.Filters.PROGRAMMES);
        programmePicker.setClearButtonVisible(true);
        programmePicker.setWidth("10em");
        programmePicker.addValueChangeListener(e -> {
            if (!showing && overview != null && overview.district() != null) {
                programme = e.getValue();
                show(overview.district().code(), overview.year());
            }
        });
        HorizontalLayout filters = new HorizontalLayout(districtPicker, yearPicker, programmePicker, figures);
        filters.setAlignItems(FlexComponent.Alignment.END);
        filters.setWrap(true);

        chart.setId("visits-chart");
        chart.setWidthFull();
        // Fits with the header and Vaadin's evaluation banner in a 1280x800 window.
        chart.setHeight("400px");
        Configuration conf = chart.getConfiguration();
        conf.getLegend().setEnabled(false);
        PlotOptionsColumn columns = new PlotOptionsColumn();
        columns.setColor(MONTH_COLOUR);
        DataLabels labels = new DataLabels(true);
        labels.setFormat("{point.y:,.0f}");
        columns.setDataLabels(labels);
        conf.setPlotOptions(columns);
        conf.getTooltip().setPointFormat("<b>{point.y:,.0f}</b>");
        // Whole numbers with the language's thousands separator ("4.000"), not Highcharts' "4k".
        conf.getyAxis().getLabels().setFormat("{value:,.0f}");

        emptyState.setId("empty-state");
        workingDayText.setId("working-day-text");
        workingDayText.getStyle().set("margin", "0");
        details.setFlexWrap(com.vaadin.flow.component.orderedlayout.FlexLayout.FlexWrap.WRAP);
        details.setWidthFull();
        yearsChart.getStyle().set("flex", "1 1 28em");
        servicePointChart.getStyle().set("flex", "1 1 18em");
        programmeChart.getStyle().set("flex", "1 1 24em");
        needChart.getStyle().set("flex", "1 1 24em");
        details.add(yearsChart, servicePointChart, programmeChart, needChart);

        bandNote.setId("band-note");
        bandNote.getStyle().set("font-size", "var(--lumo-font-size-s)").set("color", "var(--lumo-secondary-text-color)");
        add(header, filters, chart, notes, workingDayText, bandNote, bandGrid, forecastChart, forecastGrid, details, emptyState);
        setMaxWidth("1400px");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        QueryParameters query = event.getLocation().getQueryParameters();
        String district = query.getSingleParameter(DISTRICT_PARAM).filter(s -> !s.isBlank()).orElse(null);
        Integer year = query.getSingleParameter(YEAR_PARAM).flatMap(MonthlyVisitsView::parseYear)
                // Coming from another view: the year where its period ends.
                .or(() -> query.getSingleParameter(id.slrt.dashboard.filters.Filters.TO)
                        .flatMap(t -> parseYear(t.length() >= 4 ? t.substring(0, 4) : t)))
                .orElse(null);
        try {
            programme = query.getSingleParameter(id.slrt.dashboard.filters.Filters.PROGRAMME)
                    .filter(id.slrt.dashboard.filters.Filters.PROGRAMMES::contains).orElse(null);
            overview = visits.overview(district, year, programme);
            error = null;
        } catch (WarehouseException e) {
            overview = null;
            error = getTranslation("visits.error", e.getMessage());
        } catch (id.slrt.dashboard.security.AccessDenied e) {
            overview = null;
            error = getTranslation(e.messageKey(), e.asked(), e.allowed());
        }
        loaded = true;
        if ((district == null || year == null) && overview != null
                && overview.district() != null && overview.year() != null) {
            // Put the defaults in the address bar, so that what is on screen can be shared as it is.
            event.forwardTo(MonthlyVisitsView.class, queryFor(overview.district().code(), overview.year(), programme));
            return;
        }
        render();
    }

    @Override
    public void localeChange(LocaleChangeEvent event) {
        // Also called when the view is attached; before the first beforeEnter there is nothing to show.
        if (loaded) {
            render();
        }
    }

    @Override
    public String getPageTitle() {
        return getTranslation("visits.title") + " · " + getTranslation("app.title");
    }

    private void districtChosen(District district) {
        // Keep the year on screen when the new district has it; otherwise show its latest year.
        Integer year = overview == null ? null : overview.year();
        List<Integer> years = visits.yearsWithData(district.code());
        show(district.code(), year != null && years.contains(year) ? year : null);
    }

    private void show(String districtCode, Integer year) {
        getUI().ifPresent(ui -> ui.navigate(MonthlyVisitsView.class, queryFor(districtCode, year, programme)));
    }

    static QueryParameters queryFor(String districtCode, Integer year) {
        return queryFor(districtCode, year, null);
    }

    static QueryParameters queryFor(String districtCode, Integer year, String programme) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put(DISTRICT_PARAM, districtCode);
        if (year != null) {
            params.put(YEAR_PARAM, String.valueOf(year));
        }
        if (programme != null) {
            params.put(id.slrt.dashboard.filters.Filters.PROGRAMME, programme);
        }
        return QueryParameters.simple(params);
    }

    private static Optional<Integer> parseYear(String text) {
        try {
            return Optional.of(Integer.parseInt(text.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private void render() {
        Locale locale = getLocale();
        title.setText(getTranslation("visits.title"));
        districtPicker.setLabel(getTranslation("visits.district"));
        yearPicker.setLabel(getTranslation("visits.year"));
        programmePicker.setLabel(getTranslation("filter.programme"));
        programmePicker.setPlaceholder(getTranslation("filter.all.programmes"));
        UI.getCurrent().getPage().setTitle(getPageTitle());

        showing = true;
        try {
            if (error != null) {
                showEmpty(error, false);
                return;
            }
            if (overview == null || overview.snapshot().isEmpty()) {
                showEmpty(getTranslation("visits.empty.noEtl", visits.warehouseLocation()), false);
                return;
            }

            if (overview.districts().isEmpty()) {
                showEmpty(getTranslation("visits.empty.noVisits", overview.snapshot().get().name()), false);
                return;
            }
            fillPickers();
            if (!overview.districtHasData()) {
                String code = overview.district() == null ? "" : overview.district().code();
                showEmpty(getTranslation("visits.empty.district", code), true);
                return;
            }
            if (!overview.hasData()) {
                showEmpty(getTranslation("visits.empty.year", overview.district().label(),
                        String.valueOf(overview.year())), true);
                return;
            }
            showChart(overview.district(), overview.monthly(), locale);
        } finally {
            showing = false;
        }
    }

    private void fillPickers() {
        districtPicker.setItems(overview.districts());
        districtPicker.setValue(overview.districtHasData() ? overview.district() : null);

        // A year from the URL without data stays selectable, so the picker shows what the text says.
        TreeSet<Integer> years = new TreeSet<>(overview.years());
        if (overview.year() != null) {
            years.add(overview.year());
        }
        yearPicker.setItems(new ArrayList<>(years));
        yearPicker.setValue(overview.year());
        programmePicker.setValue(programme);
    }

    private String regionLabel(String code) {
        if (code.isEmpty()) {
            return getTranslation("filter.national");
        }
        return overview.districts().stream().filter(d -> d.code().equals(code)).map(District::label).findFirst()
                .orElse(code.length() == 2 ? getTranslation("annotations.province", code) : code);
    }

    private void showEmpty(String message, boolean pickers) {
        notes.setVisible(false);
        emptyState.setText(message);
        emptyState.setVisible(true);
        districtPicker.setVisible(pickers);
        yearPicker.setVisible(pickers);
        programmePicker.setVisible(pickers);
        chart.setVisible(false);
        peakText.setVisible(false);
        totalText.setVisible(false);
        workingDayText.setVisible(false);
        details.setVisible(false);
        bandNote.setVisible(false);
        bandGrid.setVisible(false);
        forecastChart.setVisible(false);
        forecastGrid.setVisible(false);
    }

    private void showChart(District district, MonthlyVisits monthly, Locale locale) {
        emptyState.setVisible(false);
        districtPicker.setVisible(true);
        yearPicker.setVisible(true);
        programmePicker.setVisible(true);

        Month peak = monthly.peakMonth().orElseThrow();
        String year = String.valueOf(monthly.year());
        // One answer for the page: the year's months and their total, the same months of every year, and
        // the year's visits by service point, programme and need (each of them adds up to the total).
        Disclosure.Table table = disclosure.table();
        Disclosure.Count total = table.count(monthly.total());
        List<Disclosure.Count> byMonth = monthly.byMonth().stream().map(table::count).toList();
        table.sum(total, byMonth);
        Map<Integer, List<Disclosure.Count>> years = new java.util.TreeMap<>();
        for (MonthlyVisits other : visits.allYears(district.code(), programme)) {
            List<Disclosure.Count> months = other.year() == monthly.year() ? byMonth
                    : other.byMonth().stream().map(table::count).toList();
            // Another year's total is not shown; its months are a partition of it all the same.
            table.sum(other.year() == monthly.year() ? total : table.count(other.total()), months);
            years.put(other.year(), months);
        }
        Map<String, LinkedHashMap<String, Long>> breakdown = visits.breakdown(district.code(), monthly.year(), programme);
        Map<String, Map<String, Disclosure.Count>> shares = new LinkedHashMap<>();
        breakdown.forEach((dimension, values) -> {
            Map<String, Disclosure.Count> counts = new LinkedHashMap<>();
            values.forEach((code, n) -> counts.put(code, table.count(n)));
            table.sum(total, List.copyOf(counts.values()));
            shares.put(dimension, counts);
        });
        // Model outputs, not counts of people: rounded, each its own count in no sum, as the API discloses
        // /api/v1/forecasts and /api/v1/alerts.
        DistrictOutlook outlook = visits.outlook(overview, programme);
        Map<Month, Disclosure.Count[]> band = new java.util.EnumMap<>(Month.class);
        for (AlertsService.Expected e : outlook.band()) {
            band.put(e.month().getMonth(), new Disclosure.Count[] {table.count(Math.round(e.low())),
                    table.count(Math.round(e.high()))});
        }
        List<ForecastRow> forecast = outlook.forecast().stream().map(o -> new ForecastRow(o.month(),
                table.count(Math.round(o.expected())), table.count(Math.round(o.low())), table.count(Math.round(o.high()))))
                .toList();
        table.disclose();
        Disclosure.Count peakVisits = byMonth.get(peak.getValue() - 1);
        LongFunction<String> integer = n -> Languages.integer(n, locale);

        peakText.setText(getTranslation("visits.peak", Languages.monthName(peak, locale), peakVisits.text(integer)));
        totalText.setText(getTranslation("visits.total", year, total.text(integer)));
        peakText.setVisible(true);
        totalText.setVisible(true);

        id.slrt.dashboard.layout.Charts.useLanguage(locale);
        Configuration conf = chart.getConfiguration();
        conf.setTitle(getTranslation("visits.chart.title", district.label(), year)
                + (programme == null ? "" : ", " + programme));
        List<String> months = new ArrayList<>();
        DataSeries series = new DataSeries(getTranslation("visits.chart.series"));
        Number[] shown = id.slrt.dashboard.layout.Charts.values(byMonth);
        for (Month month : Month.values()) {
            String name = Languages.shortMonthName(month, locale);
            months.add(name);
            DataSeriesItem item = new DataSeriesItem(name, shown[month.getValue() - 1]);
            if (month == peak) {
                item.setColor(PEAK_COLOUR);
            }
            series.add(item);
        }
        conf.getxAxis().setCategories(months.toArray(String[]::new));
        conf.getyAxis().setTitle(getTranslation("visits.chart.yaxis"));
        List<BandRow> bandRows = new ArrayList<>();
        for (Month month : Month.values()) {
            Disclosure.Count[] range = band.get(month);
            bandRows.add(new BandRow(month, byMonth.get(month.getValue() - 1), range == null ? null : range[0],
                    range == null ? null : range[1]));
        }
        if (band.isEmpty()) {
            conf.setSeries(series);
        } else {
            conf.setSeries(series, bandSeries(bandRows));
        }
        conf.getLegend().setEnabled(!band.isEmpty());
        // What users recorded of the district (or its province, or the nation) in the year's months.
        List<YearMonth> yearMonths = java.util.Arrays.stream(Month.values()).map(m -> YearMonth.of(monthly.year(), m)).toList();
        notes.list(annotations.forRegion(id.slrt.dashboard.filters.Filters.NONE.withDistrict(district.code())),
                yearMonths.getFirst(), yearMonths.getLast(), this::regionLabel, locale);
        notes.mark(chart, yearMonths);
        chart.setVisible(true);
        chart.drawChart(true);
        drawBandTable(bandRows, locale);
        drawForecast(district, forecast, locale);

        YearMonth peakMonth = YearMonth.of(monthly.year(), peak);
        int workingDays = VisitsService.workingDays(peakMonth);
        Double perDay = table.measure(monthly.visitsIn(peak) / (double) workingDays, peakVisits).shown();
        workingDayText.setText(getTranslation("visits.perWorkingDay", Languages.yearMonth(peakMonth, locale),
                peakVisits.text(integer), workingDays, perDay == null ? "–" : Languages.decimal(perDay, locale)));
        workingDayText.setVisible(true);
        drawYears(district, locale, years);
        drawBreakdown(shares, locale);
        details.setVisible(true);
    }

    /** One month of the year under the chart: its visits and its usual range (null: none). */
    record BandRow(Month month, Disclosure.Count visits, Disclosure.Count low, Disclosure.Count high) {
    }

    /** One forecast month: the expectation and its 80% interval. */
    record ForecastRow(YearMonth month, Disclosure.Count expected, Disclosure.Count low, Disclosure.Count high) {
    }

    /**
     * The usual range as a translucent area: a month without a range, or with a hidden bound, is a gap.
     * The Java API of Vaadin Charts sets no series z-index, so the area is drawn after the columns: its fill
     * is light enough to see them through it, and it has no markers or labels of its own.
     */
    /** A low–high area without a line of its own, its tooltip in whole numbers. */
    private static PlotOptionsArearange rangeOptions(SolidColor colour, double opacity, String tooltipEnd) {
        PlotOptionsArearange options = new PlotOptionsArearange();
        options.setColor(colour);
        options.setFillOpacity(opacity);
        options.setLineWidth(0);
        SeriesTooltip tooltip = new SeriesTooltip();
        tooltip.setPointFormat("{series.name}: <b>{point.low:,.0f}–{point.high:,.0f}</b>" + tooltipEnd);
        options.setTooltip(tooltip);
        return options;
    }

    private DataSeries bandSeries(List<BandRow> rows) {
        DataSeries range = new DataSeries(getTranslation("visits.band.series"));
        range.setPlotOptions(rangeOptions(BAND_COLOUR, 0.25, ""));
        for (int i = 0; i < rows.size(); i++) {
            range.add(rangeItem(i, rows.get(i).low(), rows.get(i).high()));
        }
        return range;
    }

    private static DataSeriesItem rangeItem(int x, Disclosure.Count low, Disclosure.Count high) {
        boolean shown = low != null && high != null && !low.hidden() && !high.hidden();
        Number lowValue = shown ? low.value() : null;
        Number highValue = shown ? high.value() : null;
        DataSeriesItem item = new DataSeriesItem(x, lowValue, highValue);
        item.setMarker(new Marker(false));
        return item;
    }

    private void drawBandTable(List<BandRow> rows, Locale locale) {
        LongFunction<String> integer = n -> Languages.integer(n, locale);
        bandGrid.removeAllColumns();
        Grids.text(bandGrid, getTranslation("visits.col.month"), r -> Languages.monthName(r.month(), locale))
                .setComparator(BandRow::month);
        Grids.count(bandGrid, getTranslation("visits.col.visits"), BandRow::visits, integer);
        bandGrid.addColumn(r -> r.low() == null ? "–" : r.low().text(integer)).setHeader(getTranslation("visits.col.low"))
                .setTextAlign(com.vaadin.flow.component.grid.ColumnTextAlign.END);
        bandGrid.addColumn(r -> r.high() == null ? "–" : r.high().text(integer)).setHeader(getTranslation("visits.col.high"))
                .setTextAlign(com.vaadin.flow.component.grid.ColumnTextAlign.END);
        bandGrid.getElement().setAttribute("aria-label", getTranslation("visits.band.table"));
        bandGrid.setItems(rows);
        bandGrid.setVisible(true);
        bandNote.setText(getTranslation(rows.stream().anyMatch(r -> r.low() != null) ? "visits.band.note" : "visits.band.none"));
        bandNote.setVisible(true);
    }

    /** The twelve months after the snapshot's last month: a dashed line in its 80% interval, and a table. */
    private void drawForecast(District district, List<ForecastRow> rows, Locale locale) {
        forecastChart.setVisible(!rows.isEmpty());
        forecastGrid.setVisible(!rows.isEmpty());
        if (rows.isEmpty()) {
            return;
        }
        LongFunction<String> integer = n -> Languages.integer(n, locale);
        Configuration conf = forecastChart.getConfiguration();
        conf.setTitle(getTranslation("visits.forecast.title", district.label()) + (programme == null ? "" : ", " + programme));
        conf.getxAxis().setCategories(rows.stream().map(r -> Languages.shortYearMonth(r.month(), locale)).toArray(String[]::new));
        conf.getyAxis().setTitle(getTranslation("visits.chart.yaxis"));
        DataSeries interval = new DataSeries(getTranslation("visits.forecast.interval"));
        interval.setPlotOptions(rangeOptions(FORECAST_COLOUR, 0.2, "<br/>"));
        DataSeries line = new DataSeries(getTranslation("visits.forecast.series"));
        PlotOptionsLine lineOptions = new PlotOptionsLine();
        lineOptions.setColor(FORECAST_COLOUR);
        lineOptions.setDashStyle(DashStyle.DASH);
        SeriesTooltip lineTooltip = new SeriesTooltip();
        lineTooltip.setPointFormat("{series.name}: <b>{point.y:,.0f}</b><br/>");
        lineOptions.setTooltip(lineTooltip);
        line.setPlotOptions(lineOptions);
        for (int i = 0; i < rows.size(); i++) {
            ForecastRow r = rows.get(i);
            interval.add(rangeItem(i, r.low(), r.high()));
            line.add(new DataSeriesItem(i, r.expected().hidden() ? null : (Number) r.expected().value()));
        }
        conf.setSeries(interval, line);
        forecastChart.drawChart(true);

        forecastGrid.removeAllColumns();
        Grids.text(forecastGrid, getTranslation("visits.col.month"), r -> Languages.yearMonth(r.month(), locale))
                .setComparator(ForecastRow::month);
        Grids.count(forecastGrid, getTranslation("visits.col.forecast"), ForecastRow::expected, integer);
        Grids.count(forecastGrid, getTranslation("visits.col.low80"), ForecastRow::low, integer);
        Grids.count(forecastGrid, getTranslation("visits.col.high80"), ForecastRow::high, integer);
        forecastGrid.getElement().setAttribute("aria-label", getTranslation("visits.forecast.table"));
        forecastGrid.setItems(rows);
    }

    /** The same months of every year with data, one line a year. */
    private void drawYears(District district, Locale locale, Map<Integer, List<Disclosure.Count>> years) {
        Configuration conf = yearsChart.getConfiguration();
        conf.setTitle(getTranslation("visits.years.title", district.label()));
        conf.getxAxis().setCategories(java.util.Arrays.stream(Month.values())
                .map(m -> Languages.shortMonthName(m, locale)).toArray(String[]::new));
        conf.getyAxis().setTitle("");
        List<com.vaadin.flow.component.charts.model.Series> series = new ArrayList<>();
        years.forEach((year, months) -> series.add(new com.vaadin.flow.component.charts.model.ListSeries(
                String.valueOf(year), id.slrt.dashboard.layout.Charts.values(months))));
        conf.setSeries(series);
        yearsChart.drawChart(true);
    }

    private void drawBreakdown(Map<String, Map<String, Disclosure.Count>> breakdown, Locale locale) {
        drawShares(servicePointChart, getTranslation("visits.servicePoint.title"), breakdown.get("service_point"), "servicePoint.");
        drawShares(programmeChart, getTranslation("visits.programme.title"), breakdown.get("programme"), "programme.");
        drawShares(needChart, getTranslation("visits.need.title"), breakdown.get("need"), "need.");
    }

    /** A hidden count is left out of the chart: no slice or bar, no share of the total in the tooltip. */
    private void drawShares(Chart target, String chartTitle, Map<String, Disclosure.Count> values, String labelPrefix) {
        Configuration conf = target.getConfiguration();
        conf.setTitle(chartTitle);
        conf.getyAxis().setTitle("");
        DataSeries series = new DataSeries(getTranslation("visits.chart.series"));
        if (values != null) {
            values.forEach((code, n) -> {
                if (!n.hidden()) {
                    series.add(new DataSeriesItem(Languages.codeLabel(this, labelPrefix, code), n.value()));
                }
            });
        }
        if (conf.getChart().getType() == ChartType.BAR) {
            conf.getxAxis().setCategories(series.getData().stream().map(DataSeriesItem::getName).toArray(String[]::new));
            conf.getLegend().setEnabled(false);
        }
        conf.setSeries(series);
        target.drawChart(true);
    }
}
