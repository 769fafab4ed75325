package id.slrt.dashboard.operations;

import org.springframework.security.test.context.support.WithMockUser;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import org.junit.jupiter.api.Test;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.progressbar.ProgressBar;
import org.junit.jupiter.api.AfterEach;

import id.slrt.dashboard.testing.JobsApiDouble;
import id.slrt.dashboard.testing.StandardWarehouseTest;

/** The ETL's runs and the snapshot shown, server-side. */
@WithMockUser(username = "admin", authorities = "ROLE_ADMIN")
class OperationsViewTest extends StandardWarehouseTest {

    @AfterEach
    void idleScheduler() {
        JobsApiDouble.instance().reset();
    }

    @Test
    @SuppressWarnings("unchecked")
    void showsTheRunningAttemptsStageAndCountsAndQueuesARunNow() {
        JobsApiDouble.instance().answer("""
                {"runs":[{"id":8,"trigger":"on-demand-1795550997669","attempt":1,"instance":"jobs-1","scheduledAt":null,
                 "startedAt":"2019-01-15T03:00:00Z","updatedAt":"2019-01-15T03:00:09Z","finishedAt":null,"status":"RUNNING",
                 "stage":"STAGING","done":3000,"total":8512,"rowsSoFar":123456,"snapshot":null,"rowsRead":null,
                 "rowsAccepted":null,"rowsQuarantined":null,"nextAttemptAt":null,"message":null},
                 {"id":7,"trigger":"retry-2-1","attempt":2,"instance":"jobs-1","scheduledAt":null,
                 "startedAt":"2019-01-15T02:00:00Z","updatedAt":"2019-01-15T02:00:03Z","finishedAt":"2019-01-15T02:00:03Z",
                 "status":"RETRYING","stage":"SCANNING","done":0,"total":0,"rowsSoFar":0,"snapshot":null,"rowsRead":null,
                 "rowsAccepted":null,"rowsQuarantined":null,"nextAttemptAt":"2019-01-15T02:15:03Z","message":"no export files in inbox /data/inbox"}],
                 "queued":false,"nextScheduledRun":"2019-01-15T19:00:00Z"}""");
        UI.getCurrent().navigate(OperationsView.class);

        assertThat($(Span.class).id("scheduler-status").getText())
                .isEqualTo("Sedang berjalan: membaca dan memeriksa berkas, 3.000 dari 8.512, 123.456 baris dibaca sejauh ini");
        ProgressBar progress = $(ProgressBar.class).id("run-progress");
        assertThat(progress.isVisible()).isTrue();
        assertThat(progress.getValue()).isCloseTo(3000.0 / 8512, org.assertj.core.data.Offset.offset(1e-9));
        assertThat($(Span.class).id("scheduler-next").getText()).isEqualTo("Jadwal berikutnya: 16 Januari 2019 02:00 WIB");
        Grid<Object> attempts = $(Grid.class).id("attempts-grid");
        assertThat(test(attempts).getCellText(1, 1)).isEqualTo("Coba lagi · 2");
        assertThat(test(attempts).getCellText(1, 2)).isEqualTo("Gagal, akan dicoba lagi");
        assertThat(test(attempts).getCellText(1, 4))
                .isEqualTo("Dicoba lagi 15 Januari 2019 09:15 WIB: no export files in inbox /data/inbox");

        test($(Button.class).id("run-now")).click();
        assertThat(JobsApiDouble.instance().posts()).containsExactly("Bearer " + JobsApiDouble.TOKEN);
        assertThat(test($(Notification.class).last()).getText()).isEqualTo("ETL masuk antrean; kemajuannya tampil di sini.");
        test($(Button.class).id("run-now")).click();
        assertThat(test($(Notification.class).last()).getText())
                .isEqualTo("Sudah ada proses ETL yang diminta dan belum selesai.");
    }


    @Test
    @SuppressWarnings("unchecked")
    void listsTheRunsNewestFirstAndNamesTheSnapshotShown() {
        UI.getCurrent().navigate(OperationsView.class);

        Grid<OperationsService.Run> runs = $(Grid.class).id("runs-grid");
        assertThat(test(runs).size()).isEqualTo(2);
        assertThat(test(runs).getCellText(0, 0)).isEqualTo("15 Januari 2019 09:00 WIB");
        assertThat(test(runs).getCellText(0, 1)).isEqualTo("35");
        assertThat(test(runs).getCellText(0, 2)).isEqualTo("Berhasil");
        assertThat(test(runs).getCellText(0, 4)).isEqualTo("32.416");
        assertThat(test(runs).getCellText(1, 2)).isEqualTo("Gagal");
        assertThat(test(runs).getCellText(1, 7)).isEqualTo("Row counts do not balance");
        assertThat($(Paragraph.class).id("operations-snapshot").getText())
                .startsWith("Ditampilkan: snapshot-20190115T020000000Z, dibangun 15 Januari 2019 09:00 WIB (")
                .endsWith("dari 122 berkas, 32.400 baris diterima.");
    }
}
