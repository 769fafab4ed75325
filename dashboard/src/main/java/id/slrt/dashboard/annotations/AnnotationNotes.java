package id.slrt.dashboard.annotations;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import com.vaadin.flow.component.charts.Chart;
import com.vaadin.flow.component.charts.model.Label;
import com.vaadin.flow.component.charts.model.PlotBand;
import com.vaadin.flow.component.charts.model.style.SolidColor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;

/**
 * The annotations of a trend chart's region and months: numbered bands on the chart, and the same numbers
 * with their text under it (the chart's label is only the number: the text, written by users, is shown
 * as plain text by Vaadin, never inside the chart's markup). Hidden when there is none.
 */
public class AnnotationNotes extends Div {

    /** Light amber: behind the bars, unlike any series colour. */
    static final SolidColor BAND = new SolidColor(250, 176, 5, 0.18);

    private final Paragraph heading = new Paragraph();
    private List<Annotation> shown = List.of();

    public AnnotationNotes(String id) {
        setId(id);
        heading.getStyle().set("font-weight", "600").set("margin", "0");
        getStyle().set("font-size", "var(--lumo-font-size-s)");
        setVisible(false);
    }

    /**
     * Lists those of {@code annotations} that overlap {@code first} to {@code last}, numbered from 1.
     *
     * @param regionLabel a region's name from its code ("" the nation)
     */
    public void list(List<Annotation> annotations, YearMonth first, YearMonth last, Function<String, String> regionLabel,
                     Locale locale) {
        shown = annotations.stream().filter(a -> a.overlaps(first, last)).toList();
        removeAll();
        heading.setText(getTranslation("annotations.on.chart"));
        add(heading);
        for (int i = 0; i < shown.size(); i++) {
            Annotation a = shown.get(i);
            Paragraph line = new Paragraph((i + 1) + ". " + AnnotationsView.months(a, locale) + " · "
                    + regionLabel.apply(a.region()) + " · " + getTranslation("annotations.kind." + a.kind().code())
                    + ": " + a.text());
            line.getStyle().set("margin", "0");
            add(line);
        }
        setVisible(!shown.isEmpty());
    }

    /** The listed annotations as numbered bands on a chart whose x categories are {@code months}, in order. */
    public void mark(Chart chart, List<YearMonth> months) {
        List<PlotBand> bands = new ArrayList<>();
        for (int i = 0; i < shown.size(); i++) {
            Annotation a = shown.get(i);
            int from = -1;
            int to = -1;
            for (int m = 0; m < months.size(); m++) {
                if (a.covers(months.get(m))) {
                    from = from < 0 ? m : from;
                    to = m;
                }
            }
            if (from >= 0) {
                PlotBand band = new PlotBand(from - 0.45, to + 0.45, BAND);
                band.setLabel(new Label(String.valueOf(i + 1)));
                bands.add(band);
            }
        }
        chart.getConfiguration().getxAxis().setPlotBands(bands.toArray(PlotBand[]::new));
    }

    /** The annotations listed, in their numbers' order. */
    public List<Annotation> shown() {
        return shown;
    }
}
