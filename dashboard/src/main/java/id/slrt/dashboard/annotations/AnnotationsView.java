package id.slrt.dashboard.annotations;

import jakarta.annotation.security.PermitAll;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.router.Route;

import id.slrt.dashboard.filters.FilterService;
import id.slrt.dashboard.filters.Region;
import id.slrt.dashboard.i18n.Languages;
import id.slrt.dashboard.layout.FilteredView;
import id.slrt.dashboard.layout.Grids;
import id.slrt.dashboard.layout.MainLayout;
import id.slrt.dashboard.security.AccessDenied;
import id.slrt.dashboard.security.RegionScope;
import id.slrt.dashboard.warehouse.Warehouse;

/**
 * Catatan (annotations): the events recorded for the filters' region and period, and a form to record
 * one for a region the user may write for. Rules and scope: {@link AnnotationsService}.
 */
@PermitAll
@Route(value = "catatan", layout = MainLayout.class)
public class AnnotationsView extends FilteredView {

    private final AnnotationsService service;
    private final Grid<Annotation> grid = Grids.grid("annotations-grid");
    private final Paragraph summary = new Paragraph();
    private final Paragraph formTitle = new Paragraph();
    private final Paragraph advice = new Paragraph();
    private final Select<String> regionPicker = new Select<>();
    private final Select<Annotation.Kind> kindPicker = new Select<>();
    private final ComboBox<YearMonth> fromPicker = new ComboBox<>();
    private final ComboBox<YearMonth> toPicker = new ComboBox<>();
    private final TextArea text = new TextArea();
    private final Button save = new Button();
    private final Paragraph message = new Paragraph();
    private List<Annotation> annotations = List.of();

    public AnnotationsView(Warehouse warehouse, FilterService filterService, AnnotationsService service) {
        super(warehouse, filterService, "annotations.title", false);
        this.service = service;
        summary.setId("annotations-summary");
        grid.setId("annotations-grid");
        grid.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.setAllRowsVisible(true);
        regionPicker.setId("annotation-region");
        kindPicker.setId("annotation-kind");
        kindPicker.setItems(Annotation.Kind.values());
        fromPicker.setId("annotation-from");
        toPicker.setId("annotation-to");
        fromPicker.addValueChangeListener(e -> {
            if (e.getValue() != null && (toPicker.getValue() == null || toPicker.getValue().isBefore(e.getValue()))) {
                toPicker.setValue(e.getValue());
            }
        });
        text.setId("annotation-text");
        text.setMaxLength(AnnotationsService.MAX_TEXT);
        text.setWidthFull();
        save.setId("annotation-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickListener(e -> save());
        message.setId("annotation-message");
        formTitle.getStyle().set("font-weight", "600").set("margin", "0");
        advice.getStyle().set("font-size", "var(--lumo-font-size-s)").set("color", "var(--lumo-secondary-text-color)")
                .set("margin", "0");
        HorizontalLayout pickers = new HorizontalLayout(regionPicker, kindPicker, fromPicker, toPicker);
        pickers.setWrap(true);
        pickers.setAlignItems(FlexComponent.Alignment.END);
        content.add(summary, grid, formTitle, advice, pickers, text, save, message);
    }

    @Override
    protected void load() {
        annotations = service.forRegion(filters);
    }

    @Override
    protected boolean hasData() {
        return true; // none recorded yet is said in words, and the form is there to add one
    }

    @Override
    protected void draw(Locale locale) {
        summary.setText(annotations.isEmpty() ? getTranslation("annotations.none", describe(locale))
                : getTranslation("annotations.summary", Languages.integer(annotations.size(), locale), describe(locale)));
        grid.removeAllColumns();
        Grids.text(grid, getTranslation("annotations.col.months"), a -> months(a, locale)).setComparator(Annotation::from);
        Grids.text(grid, getTranslation("annotations.col.region"), this::regionLabel);
        Grids.text(grid, getTranslation("annotations.col.kind"), a -> getTranslation("annotations.kind." + a.kind().code()));
        grid.addColumn(Annotation::text).setHeader(getTranslation("annotations.col.text")).setFlexGrow(6).setWidth("24em");
        Grids.text(grid, getTranslation("annotations.col.author"), a -> a.author() + ", "
                + Languages.dateTime(a.created().atZone(Languages.WIB), locale));
        grid.addComponentColumn(a -> {
            Button delete = new Button(getTranslation("annotations.delete"), e -> delete(a));
            delete.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
            delete.setId("annotation-delete-" + a.id());
            delete.setVisible(service.writable(a.region()));
            return delete;
        }).setHeader("");
        grid.setItems(annotations);

        formTitle.setText(getTranslation("annotations.form.title"));
        advice.setText(getTranslation("annotations.form.advice", AnnotationsService.MAX_TEXT));
        List<String> regions = writableRegions();
        regionPicker.setLabel(getTranslation("annotations.col.region"));
        regionPicker.setItemLabelGenerator(this::regionLabel);
        regionPicker.setItems(regions);
        String here = filters.district() != null ? filters.district() : filters.province() != null ? filters.province() : "";
        regionPicker.setValue(regions.contains(here) ? here : regions.isEmpty() ? null : regions.getFirst());
        kindPicker.setLabel(getTranslation("annotations.col.kind"));
        kindPicker.setItemLabelGenerator(k -> getTranslation("annotations.kind." + k.code()));
        if (kindPicker.getValue() == null) {
            kindPicker.setValue(Annotation.Kind.DISASTER);
        }
        List<YearMonth> months = new ArrayList<>();
        // The snapshot's months and a year either side: an event may be announced before its numbers arrive.
        for (YearMonth m = options.first().minusMonths(12); !m.isAfter(options.last().plusMonths(12)); m = m.plusMonths(1)) {
            months.add(m);
        }
        for (ComboBox<YearMonth> picker : List.of(fromPicker, toPicker)) {
            picker.setItemLabelGenerator(m -> Languages.yearMonth(m, locale));
            picker.setItems(months);
        }
        fromPicker.setLabel(getTranslation("annotations.from"));
        toPicker.setLabel(getTranslation("annotations.to"));
        if (fromPicker.getValue() == null) {
            fromPicker.setValue(filters.to() != null ? filters.to() : options.last());
        }
        text.setLabel(getTranslation("annotations.col.text"));
        save.setText(getTranslation("annotations.save"));
        boolean canWrite = !regions.isEmpty();
        for (var c : List.of(regionPicker, kindPicker, fromPicker, toPicker, text, save)) {
            c.setVisible(canWrite);
        }
        advice.setVisible(canWrite);
        formTitle.setVisible(canWrite);
    }

    private void save() {
        try {
            Annotation a = service.add(regionPicker.getValue(), fromPicker.getValue(), toPicker.getValue(),
                    kindPicker.getValue(), text.getValue());
            text.clear();
            load();
            draw(getLocale());
            message.setText(getTranslation("annotations.saved", months(a, getLocale()), regionLabel(a)));
        } catch (AnnotationsService.Refused e) {
            message.setText(getTranslation(e.key(), AnnotationsService.MAX_TEXT, AnnotationsService.MAX_MONTHS,
                    AnnotationsService.MAX_PER_REGION));
        } catch (AccessDenied e) {
            message.setText(getTranslation(e.messageKey(), e.asked(), e.allowed()));
        }
    }

    private void delete(Annotation a) {
        try {
            service.delete(a.id());
            load();
            draw(getLocale());
            message.setText(getTranslation("annotations.deleted", months(a, getLocale()), regionLabel(a)));
        } catch (AccessDenied e) {
            message.setText(getTranslation(e.messageKey(), e.asked(), e.allowed()));
        }
    }

    /** The nation (for national users), then the provinces and districts the filter bar offers, that the user may write for. */
    private List<String> writableRegions() {
        List<String> regions = new ArrayList<>();
        if (RegionScope.current().seesAll()) {
            regions.add("");
        }
        options.provinces().stream().map(Region::code).forEach(regions::add);
        options.districts().stream().map(Region::code).forEach(regions::add);
        return regions.stream().filter(service::writable).toList();
    }

    private String regionLabel(Annotation a) {
        return regionLabel(a.region());
    }

    static String months(Annotation a, Locale locale) {
        return a.from().equals(a.to()) ? Languages.yearMonth(a.from(), locale)
                : Languages.yearMonth(a.from(), locale) + " – " + Languages.yearMonth(a.to(), locale);
    }
}
