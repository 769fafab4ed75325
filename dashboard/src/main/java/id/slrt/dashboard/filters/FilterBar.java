package id.slrt.dashboard.filters;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.orderedlayout.FlexLayout;

import id.slrt.dashboard.i18n.Languages;

/**
 * The period, region and programme pickers every screen shares. A change calls back with the new
 * filters; the screen navigates to their URL, so the URL stays the state.
 */
public class FilterBar extends FlexLayout {

    private final ComboBox<YearMonth> from = new ComboBox<>();
    private final ComboBox<YearMonth> to = new ComboBox<>();
    private final ComboBox<Region> province = new ComboBox<>();
    private final ComboBox<Region> district = new ComboBox<>();
    private final ComboBox<String> programme = new ComboBox<>();
    private Filters shown;
    // Set while the pickers are filled from the URL, so filling them does not navigate.
    private boolean filling;

    public FilterBar(Consumer<Filters> changed, boolean withProgramme) {
        setFlexWrap(FlexWrap.WRAP);
        getStyle().set("gap", "var(--lumo-space-s) var(--lumo-space-m)").set("align-items", "flex-end");
        from.setId("filter-from");
        to.setId("filter-to");
        province.setId("filter-province");
        district.setId("filter-district");
        programme.setId("filter-programme");
        from.setWidth("10.5em");
        to.setWidth("10.5em");
        province.setWidth("12em");
        district.setWidth("15em");
        programme.setWidth("10em");
        province.setClearButtonVisible(true);
        district.setClearButtonVisible(true);
        programme.setClearButtonVisible(true);
        province.setItemLabelGenerator(Region::label);
        district.setItemLabelGenerator(Region::labelWithCode);
        from.addValueChangeListener(e -> fire(changed, () -> shown.withPeriod(e.getValue(), shown.to()), e.getValue() != null));
        to.addValueChangeListener(e -> fire(changed, () -> shown.withPeriod(shown.from(), e.getValue()), e.getValue() != null));
        province.addValueChangeListener(e -> fire(changed,
                () -> shown.withProvince(e.getValue() == null ? null : e.getValue().code()), true));
        district.addValueChangeListener(e -> fire(changed,
                () -> e.getValue() == null ? shown.withProvince(shown.province()) : shown.withDistrict(e.getValue().code()), true));
        programme.addValueChangeListener(e -> fire(changed, () -> shown.withProgramme(e.getValue()), true));
        add(from, to, province, district);
        if (withProgramme) {
            add(programme);
        }
    }

    private void fire(Consumer<Filters> changed, java.util.function.Supplier<Filters> next, boolean valid) {
        if (!filling && shown != null && valid) {
            changed.accept(next.get());
        }
    }

    /** Shows the filters of the screen (complete ones: with a period). */
    public void show(Filters filters, FilterOptions options, Locale locale) {
        filling = true;
        try {
            shown = filters;
            from.setLabel(getTranslation("filter.from"));
            to.setLabel(getTranslation("filter.to"));
            province.setLabel(getTranslation("filter.province"));
            district.setLabel(getTranslation("filter.district"));
            programme.setLabel(getTranslation("filter.programme"));
            province.setPlaceholder(getTranslation("filter.all.provinces"));
            district.setPlaceholder(getTranslation("filter.all.districts"));
            programme.setPlaceholder(getTranslation("filter.all.programmes"));
            List<YearMonth> months = new ArrayList<>();
            if (options.hasData()) {
                YearMonth first = filters.from() != null && filters.from().isBefore(options.first()) ? filters.from() : options.first();
                YearMonth last = filters.to() != null && filters.to().isAfter(options.last()) ? filters.to() : options.last();
                for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
                    months.add(m);
                }
            }
            from.setItemLabelGenerator(m -> Languages.yearMonth(m, locale));
            to.setItemLabelGenerator(m -> Languages.yearMonth(m, locale));
            from.setItems(months);
            to.setItems(months);
            from.setValue(filters.from());
            to.setValue(filters.to());
            province.setItems(options.provinces());
            province.setValue(filters.province() == null ? null : options.region(filters.province()).orElse(null));
            district.setItems(options.districtsOf(filters.province()));
            district.setValue(filters.district() == null ? null : options.region(filters.district()).orElse(null));
            programme.setItems(Filters.PROGRAMMES);
            programme.setValue(filters.programme());
        } finally {
            filling = false;
        }
    }
}
