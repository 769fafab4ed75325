package id.slrt.dashboard.operations;

import id.slrt.dashboard.security.AuditLog;
import id.slrt.dashboard.security.RegionScope;
import jakarta.annotation.security.RolesAllowed;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.i18n.LocaleChangeEvent;
import com.vaadin.flow.i18n.LocaleChangeObserver;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;

import id.slrt.dashboard.i18n.Languages;
import id.slrt.dashboard.layout.Grids;
import id.slrt.dashboard.layout.MainLayout;
import id.slrt.dashboard.warehouse.Snapshot;
import id.slrt.dashboard.warehouse.Warehouse;
import id.slrt.dashboard.warehouse.WarehouseException;

/**
 * Operations: the snapshot being shown and its age, and the ETL's runs (when, how long, rows in,
 * accepted and quarantined, status); the scheduler with "run now" and the running attempt's progress
 * ({@link SchedulerPanel}, through {@link JobsClient}). Not filtered. SQL: {@link OperationsService}.
 */
@RolesAllowed(RegionScope.ADMIN)
@Route(value = "operasional", layout = MainLayout.class)
public class OperationsView extends VerticalLayout implements BeforeEnterObserver, LocaleChangeObserver, HasDynamicTitle {

    private final Warehouse warehouse;
    private final OperationsService service;
    private final H2 title = new H2();
    private final Paragraph snapshotText = new Paragraph();
    private final Div emptyState = new Div();
    private final Grid<OperationsService.Run> runs = Grids.grid("runs-grid");
    private Snapshot snapshot;
    private Optional<OperationsService.Built> built = Optional.empty();
    private List<OperationsService.Run> runList = List.of();
    private String problem;

    private final SchedulerPanel scheduler;

    public OperationsView(Warehouse warehouse, OperationsService service, JobsClient jobs, AuditLog audit) {
        this.warehouse = warehouse;
        this.service = service;
        // A run that publishes a snapshot while the screen is open shows up without a reload.
        this.scheduler = new SchedulerPanel(jobs, audit, snapshot -> load());
        title.setId("title");
        title.getStyle().set("margin", "0");
        snapshotText.setId("operations-snapshot");
        emptyState.setId("empty-state");
        runs.setAllRowsVisible(false);
        runs.setHeight("480px");
        add(title, snapshotText, scheduler, emptyState, runs);
        setMaxWidth("1400px");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        load();
    }

    private void load() {
        snapshot = warehouse.currentSnapshot().orElse(null);
        problem = null;
        try {
            built = snapshot == null ? Optional.empty() : service.built(snapshot);
            runList = snapshot == null ? List.of() : service.runs(snapshot);
        } catch (WarehouseException e) {
            problem = getTranslation("empty.error", e.getMessage());
        } catch (id.slrt.dashboard.security.AccessDenied e) {
            problem = getTranslation(e.messageKey(), e.asked(), e.allowed());
        }
        render();
    }

    @Override
    public void localeChange(LocaleChangeEvent event) {
        render();
    }

    @Override
    public String getPageTitle() {
        return getTranslation("operations.title") + " · " + getTranslation("app.title");
    }

    private void render() {
        Locale locale = getLocale();
        title.setText(getTranslation("operations.title"));
        scheduler.render();
        UI.getCurrent().getPage().setTitle(getPageTitle());
        String message = problem != null ? problem
                : snapshot == null ? getTranslation("empty.noEtl", warehouse.root().toString()) : null;
        emptyState.setText(message == null ? "" : message);
        emptyState.setVisible(message != null);
        runs.setVisible(message == null);
        snapshotText.setVisible(message == null);
        if (message != null) {
            return;
        }
        snapshotText.setText(built.map(b -> getTranslation("operations.snapshot", b.snapshot(),
                Languages.dateTime(b.builtAt().atZone(Languages.WIB), locale), age(b.builtAt()),
                Languages.integer(b.files(), locale), Languages.integer(b.rowsAccepted(), locale)))
                .orElse(getTranslation("operations.snapshot.unknown", snapshot.name())));
        runs.removeAllColumns();
        Grids.text(runs, getTranslation("operations.col.started"), r -> Languages.dateTime(r.started().atZone(Languages.WIB), locale))
                .setComparator(OperationsService.Run::started);
        Grids.measure(runs, getTranslation("operations.col.seconds"), r -> r.seconds() == null ? null : r.seconds().doubleValue(),
                s -> s == null ? "–" : Languages.integer(Math.round(s), locale));
        Grids.text(runs, getTranslation("operations.col.status"), r -> getTranslation("operations.status." + r.status()));
        Grids.number(runs, getTranslation("operations.col.files"), OperationsService.Run::files, n -> Languages.integer(n, locale));
        Grids.number(runs, getTranslation("operations.col.read"), OperationsService.Run::rowsRead, n -> Languages.integer(n, locale));
        Grids.number(runs, getTranslation("operations.col.accepted"), OperationsService.Run::rowsAccepted, n -> Languages.integer(n, locale));
        Grids.number(runs, getTranslation("operations.col.quarantined"), OperationsService.Run::rowsQuarantined, n -> Languages.integer(n, locale));
        Grids.text(runs, getTranslation("operations.col.message"), r -> r.message() == null ? "" : r.message());
        runs.setItems(runList);
    }

    /** "2 jam" / "3 hari": how old the data on screen is. */
    private String age(Instant builtAt) {
        Duration age = Duration.between(builtAt, ZonedDateTime.now().toInstant());
        return age.toDays() >= 1 ? getTranslation("operations.age.days", age.toDays())
                : getTranslation("operations.age.hours", Math.max(0, age.toHours()));
    }
}
