package id.slrt.dashboard.operations;

import org.springframework.security.test.context.support.WithMockUser;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import org.junit.jupiter.api.Test;

import id.slrt.dashboard.testing.StandardWarehouseTest;

/** The ETL's runs and the snapshot shown, server-side. */
@WithMockUser(username = "admin", authorities = "ROLE_ADMIN")
class OperationsViewTest extends StandardWarehouseTest {


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
