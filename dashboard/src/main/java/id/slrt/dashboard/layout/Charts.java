package id.slrt.dashboard.layout;

import java.util.Locale;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.charts.Chart;
import com.vaadin.flow.component.charts.ChartOptions;
import com.vaadin.flow.component.charts.model.ChartType;
import com.vaadin.flow.component.charts.model.Lang;

import id.slrt.dashboard.disclosure.Disclosure;
import id.slrt.dashboard.i18n.Languages;

/** Vaadin Charts set up the same way on every screen: Indonesian numbers, no "4k", full width. */
public final class Charts {

    private Charts() {
    }

    public static Chart create(String id, ChartType type, String height) {
        Chart chart = new Chart(type);
        chart.setId(id);
        chart.setWidthFull();
        chart.setHeight(height);
        chart.getConfiguration().getyAxis().getLabels().setFormat("{value:,.0f}");
        chart.getConfiguration().getTooltip().setShared(true);
        return chart;
    }

    /**
     * Chart values as the disclosure policy shows them: a hidden count is no point (a gap), so neither the
     * bar nor its tooltip nor the chart's data table shows it.
     */
    public static Number[] values(java.util.List<Disclosure.Count> counts) {
        return counts.stream().map(c -> c.hidden() ? null : (Number) c.value()).toArray(Number[]::new);
    }

    /** Highcharts' own number format (data labels, tooltips) in the screen's language. */
    public static void useLanguage(Locale locale) {
        Lang lang = new Lang();
        boolean indonesian = Languages.isIndonesian(locale);
        lang.setThousandsSep(indonesian ? "." : ",");
        lang.setDecimalPoint(indonesian ? "," : ".");
        ChartOptions.get(UI.getCurrent()).setLang(lang);
    }
}
