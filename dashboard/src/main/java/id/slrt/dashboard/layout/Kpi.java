package id.slrt.dashboard.layout;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;

/** A headline figure: a label, the number, and a note (a change, a share). */
public class Kpi extends Div {

    private final Span label = new Span();
    private final Span value = new Span();
    private final Span note = new Span();

    public Kpi(String id) {
        setId(id);
        value.setId(id + "-value");
        note.setId(id + "-note");
        getStyle().set("display", "flex").set("flex-direction", "column").set("min-width", "11em")
                .set("padding", "var(--lumo-space-s) var(--lumo-space-m)")
                .set("border", "1px solid var(--lumo-contrast-10pct)").set("border-radius", "var(--lumo-border-radius-m)");
        label.getStyle().set("font-size", "var(--lumo-font-size-s)").set("color", "var(--lumo-secondary-text-color)");
        value.getStyle().set("font-size", "var(--lumo-font-size-xxl)").set("font-weight", "600");
        note.getStyle().set("font-size", "var(--lumo-font-size-s)");
        add(label, value, note);
    }

    public void show(String labelText, String valueText, String noteText) {
        label.setText(labelText);
        value.setText(valueText);
        note.setText(noteText == null ? "" : noteText);
    }
}
