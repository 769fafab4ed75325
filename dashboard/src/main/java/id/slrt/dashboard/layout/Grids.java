package id.slrt.dashboard.layout;

import java.util.Comparator;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.function.ToLongFunction;

import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;

import id.slrt.dashboard.disclosure.Disclosure;

/** Grids set up alike: compact, striped, numbers right-aligned and sortable by value, not by text. */
public final class Grids {

    private Grids() {
    }

    public static <T> Grid<T> grid(String id) {
        Grid<T> grid = new Grid<>();
        grid.setId(id);
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.setAllRowsVisible(true);
        return grid;
    }

    public static <T> Grid.Column<T> text(Grid<T> grid, String header, Function<T, String> value) {
        return grid.addColumn(value::apply).setHeader(header).setSortable(true)
                .setComparator(Comparator.comparing(value, Comparator.nullsFirst(Comparator.naturalOrder())))
                .setFlexGrow(2);
    }

    public static <T> Grid.Column<T> number(Grid<T> grid, String header, ToLongFunction<T> value,
                                            Function<Long, String> format) {
        return grid.addColumn(t -> format.apply(value.applyAsLong(t))).setHeader(header)
                .setComparator(Comparator.comparingLong(value)).setTextAlign(ColumnTextAlign.END);
    }

    /**
     * A column of counts as the disclosure policy shows them ("&lt;5", "x" or the number). WHY sorting by
     * what is shown: sorting hidden cells by their value would tell their order, so they sort first, alike.
     */
    public static <T> Grid.Column<T> count(Grid<T> grid, String header, Function<T, Disclosure.Count> count,
                                           LongFunction<String> format) {
        return grid.addColumn(t -> count.apply(t).text(format)).setHeader(header)
                .setComparator(Comparator.comparingLong(t -> count.apply(t).hidden() ? -1 : count.apply(t).value()))
                .setTextAlign(ColumnTextAlign.END);
    }

    /** A column of a possibly missing value (a rate, a median): missing sorts first. */
    public static <T> Grid.Column<T> measure(Grid<T> grid, String header, Function<T, Double> value,
                                             Function<Double, String> format) {
        return grid.addColumn(t -> format.apply(value.apply(t))).setHeader(header)
                .setComparator(Comparator.comparing(value, Comparator.nullsFirst(Comparator.naturalOrder())))
                .setTextAlign(ColumnTextAlign.END);
    }
}
