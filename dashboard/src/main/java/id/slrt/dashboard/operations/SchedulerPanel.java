package id.slrt.dashboard.operations;

import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.shared.Registration;

import org.springframework.security.core.context.SecurityContextHolder;

import id.slrt.dashboard.i18n.Languages;
import id.slrt.dashboard.layout.Grids;
import id.slrt.dashboard.security.AuditLog;

/**
 * The scheduler on the operations screen: "run now", the running attempt's stage and counts with a
 * progress bar, the next scheduled run, and the recent attempts (retries included). Polls the jobs
 * service every two seconds while shown; says so plainly when the jobs service cannot be reached.
 */
class SchedulerPanel extends VerticalLayout {
    static final int POLL_MS = 2000;

    private final JobsClient jobs;
    private final AuditLog audit;
    private final Consumer<String> onSnapshotChange;
    private final H3 title = new H3();
    private final Button runNow = new Button();
    private final Span status = new Span();
    private final Span next = new Span();
    private final ProgressBar progress = new ProgressBar();
    private final Div problem = new Div();
    private final Grid<JobsClient.Attempt> attempts = Grids.grid("attempts-grid");
    private JobsClient.Status last;
    private String lastError;
    private String lastSnapshot;
    private Registration poll;

    SchedulerPanel(JobsClient jobs, AuditLog audit, Consumer<String> onSnapshotChange) {
        this.jobs = jobs;
        this.audit = audit;
        this.onSnapshotChange = onSnapshotChange;
        setPadding(false);
        title.getStyle().set("margin", "var(--lumo-space-m) 0 0 0");
        runNow.setId("run-now");
        runNow.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        runNow.addClickListener(e -> runNow());
        status.setId("scheduler-status");
        next.setId("scheduler-next");
        progress.setId("run-progress");
        progress.setWidth("24em");
        problem.setId("scheduler-problem");
        problem.getStyle().set("color", "var(--lumo-error-text-color)");
        attempts.setAllRowsVisible(true);
        HorizontalLayout bar = new HorizontalLayout(runNow, status);
        bar.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        bar.getStyle().set("flex-wrap", "wrap");
        add(title, bar, progress, next, problem, attempts);
    }

    @Override
    protected void onAttach(AttachEvent event) {
        UI ui = event.getUI();
        ui.setPollInterval(POLL_MS);
        poll = ui.addPollListener(e -> refresh());
        refresh();
    }

    @Override
    protected void onDetach(DetachEvent event) {
        event.getUI().setPollInterval(-1);
        if (poll != null) {
            poll.remove();
        }
    }

    void refresh() {
        if (!jobs.configured()) {
            last = null;
            lastError = getTranslation("scheduler.notConfigured");
        } else {
            try {
                last = jobs.status();
                lastError = null;
            } catch (JobsClient.Unavailable e) {
                last = null;
                lastError = getTranslation("scheduler.unreachable", jobs.url(), e.getMessage());
            }
        }
        render();
        String snapshot = last == null ? null : last.runs().stream().filter(a -> a.snapshot() != null)
                .map(JobsClient.Attempt::snapshot).findFirst().orElse(null);
        if (snapshot != null && !snapshot.equals(lastSnapshot)) {
            if (lastSnapshot != null) {
                onSnapshotChange.accept(snapshot);
            }
            lastSnapshot = snapshot;
        }
    }

    private void runNow() {
        String user = SecurityContextHolder.getContext().getAuthentication().getName();
        try {
            JobsClient.RunNow outcome = jobs.runNow();
            audit.runNow(user, "screen: " + outcome);
            Notification.show(getTranslation(outcome == JobsClient.RunNow.QUEUED ? "scheduler.queued" : "scheduler.alreadyWaiting"),
                    4000, Notification.Position.BOTTOM_START);
        } catch (JobsClient.Unavailable e) {
            Notification.show(getTranslation("scheduler.unreachable", jobs.url(), e.getMessage()), 6000,
                    Notification.Position.BOTTOM_START).addThemeVariants(NotificationVariant.LUMO_ERROR);
        }
        refresh();
    }

    void render() {
        Locale locale = getLocale();
        title.setText(getTranslation("scheduler.title"));
        runNow.setText(getTranslation("scheduler.runNow"));
        problem.setText(lastError == null ? "" : lastError);
        problem.setVisible(lastError != null);
        runNow.setEnabled(last != null);
        attempts.setVisible(last != null && !last.runs().isEmpty());
        if (last == null) {
            status.setText("");
            next.setText("");
            progress.setVisible(false);
            return;
        }
        JobsClient.Attempt running = last.running().orElse(null);
        if (running != null) {
            long total = running.total() == null ? 0 : running.total();
            long done = running.done() == null ? 0 : running.done();
            String stage = running.stage() == null ? getTranslation("scheduler.stage.STARTING")
                    : getTranslation("scheduler.stage." + running.stage());
            status.setText(getTranslation("scheduler.running", stage, Languages.integer(done, locale),
                    Languages.integer(total, locale), Languages.integer(running.rowsSoFar() == null ? 0 : running.rowsSoFar(), locale)));
            progress.setVisible(true);
            progress.setIndeterminate(total == 0);
            if (total > 0) {
                progress.setValue(Math.min(1.0, (double) done / total));
            }
        } else {
            status.setText(getTranslation(last.queued() ? "scheduler.waiting" : "scheduler.idle"));
            progress.setVisible(false);
        }
        next.setText(last.nextScheduledRun() == null ? ""
                : getTranslation("scheduler.next", Languages.dateTime(last.nextScheduledRun().atZone(Languages.WIB), locale)));
        attempts.removeAllColumns();
        Grids.text(attempts, getTranslation("operations.col.started"),
                a -> Languages.dateTime(a.startedAt().atZone(Languages.WIB), locale));
        Grids.text(attempts, getTranslation("scheduler.col.trigger"), a -> trigger(a.trigger()) + " · " + a.attempt());
        Grids.text(attempts, getTranslation("operations.col.status"), a -> getTranslation("scheduler.status." + a.status()));
        Grids.number(attempts, getTranslation("operations.col.read"), a -> a.rowsRead() == null ? 0L : a.rowsRead(),
                n -> Languages.integer(n, locale));
        // The jobs service's messages are the ETL's own (English); an unchanged run's is said by its status.
        Grids.text(attempts, getTranslation("operations.col.message"), a -> a.nextAttemptAt() == null
                ? ("UNCHANGED".equals(a.status()) ? "" : nullToEmpty(a.message()))
                : getTranslation("scheduler.retryAt", Languages.dateTime(a.nextAttemptAt().atZone(Languages.WIB), locale),
                nullToEmpty(a.message())));
        attempts.setItems(List.copyOf(last.runs()));
    }

    /** "cron", "on-demand-…", "start-up-…", "retry-2-…" as words. */
    private String trigger(String name) {
        for (String kind : List.of("cron", "on-demand", "start-up", "retry")) {
            if (name.startsWith(kind)) {
                return getTranslation("scheduler.trigger." + kind);
            }
        }
        return name;
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}
