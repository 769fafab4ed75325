package id.slrt.dashboard.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import id.slrt.dashboard.testing.BudgetAttacks;
import id.slrt.dashboard.testing.JobsApiDouble;
import id.slrt.dashboard.testing.Oracle;
import id.slrt.dashboard.testing.ServerTest;
import id.slrt.dashboard.testing.SignedIn;
import id.slrt.dashboard.testing.SharedWarehouse;

/**
 * The read-only API on a real port, for each demo role: in scope 200 with the warehouse's numbers, out of
 * scope 403 with no data, no credentials 401, bad parameters 400 (never 500), errors as JSON; the budget
 * report's files opened back with POI and PDFBox.
 */
@Order(Integer.MAX_VALUE) // see junit-platform.properties
class ApiTest extends ServerTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void withoutCredentialsItIs401AsJson() throws Exception {
        HttpResponse<String> response = get(null, "/api/v1/visits/monthly?district=3404&year=2018");
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("\"status\":401").contains("authentication required");
        assertThat(get("nasional", "/api/v1/visits/monthly?year=2018", "wrong-password").statusCode()).isEqualTo(401);
    }

    @Test
    void aDistrictHeadGetsTheirDistrictAndNothingOfAnother() throws Exception {
        HttpResponse<String> own = get("kadis-sleman", "/api/v1/visits/monthly?district=3404&year=2018");
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(visitsIn(own.body())).isEqualTo(oracle("SELECT sum(visits) FROM {visits_monthly} WHERE year = 2018"
                + " AND district_code = '3404'"));
        HttpResponse<String> other = get("kadis-sleman", "/api/v1/visits/monthly?district=3402&year=2019");
        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(other.body()).contains("access denied").doesNotContain("rows");
        // Without a region: their district, said in the answer.
        assertThat(get("kadis-sleman", "/api/v1/referrals/outcomes?year=2018").body()).contains("\"district\":\"3404\"");
        assertThat(get("kadis-sleman", "/api/v1/reports/budget?region=3402&year=2019").statusCode()).isEqualTo(403);
        assertThat(get("kadis-sleman", "/api/v1/regions").body()).contains("3404").doesNotContain("3402");
    }

    @Test
    void aProvincePlannerGetsTheirProvince() throws Exception {
        assertThat(get("bappeda-diy", "/api/v1/visits/monthly?province=34&year=2018").statusCode()).isEqualTo(200);
        assertThat(get("bappeda-diy", "/api/v1/visits/monthly?district=3402&year=2019").statusCode()).isEqualTo(200);
        assertThat(get("bappeda-diy", "/api/v1/visits/monthly?province=33&year=2018").statusCode()).isEqualTo(403);
        assertThat(get("nasional", "/api/v1/visits/monthly?province=33&year=2018").statusCode()).isEqualTo(200);
    }

    @Test
    void badParametersAre400WithAMessageNever500() throws Exception {
        Map<String, String> cases = Map.of(
                "/api/v1/visits/monthly?year=abc", "year",
                "/api/v1/visits/monthly?district=34x4&year=2018", "district",
                "/api/v1/visits/monthly?from=2018-13&to=2018-12", "from",
                "/api/v1/visits/monthly?year=2018&format=xml", "format",
                "/api/v1/visits/monthly?year=2018&from=2018-01", "not both",
                "/api/v1/visits/monthly", "give year",
                "/api/v1/referrals/outcomes?year=2018&programme=BLT", "programme",
                "/api/v1/reports/budget?year=2018&format=docx", "format",
                "/api/v1/reports/budget?region=3&year=2018", "region");
        for (var c : cases.entrySet()) {
            HttpResponse<String> response = get("nasional", c.getKey());
            assertThat(response.statusCode()).as(c.getKey()).isEqualTo(400);
            assertThat(response.body()).as(c.getKey()).startsWith("{").contains("\"status\":400").contains(c.getValue());
        }
    }

    @Test
    void alertsSayTheUnusualMonthInBothLanguagesWithTheWarehousesCount() throws Exception {
        // Sleman's June 2018 (3,416 visits against some 700 in the months before) is the fixture's spike.
        HttpResponse<String> response = get("kadis-sleman", "/api/v1/alerts?year=2018&measure=visits");
        assertThat(response.statusCode()).isEqualTo(200);
        var rows = new tools.jackson.databind.ObjectMapper().readTree(response.body()).get("rows");
        long june = oracle("SELECT sum(visits) FROM {visits_monthly} WHERE year = 2018 AND month = 6 AND district_code = '3404'");
        var juneAlert = java.util.stream.StreamSupport.stream(rows.spliterator(), false)
                .filter(r -> r.get("month").asInt() == 6 && r.get("programme").isNull()).findFirst().orElseThrow();
        assertThat(juneAlert.get("observed").asLong()).isEqualTo(june);
        assertThat(juneAlert.get("direction").asString()).isEqualTo("higher");
        assertThat(juneAlert.get("expected_high").asLong()).isLessThan(june);
        assertThat(juneAlert.get("sentence_id").asString()).startsWith("Kab. Sleman, Juni 2018: 3.416 kunjungan, biasanya ");
        assertThat(juneAlert.get("sentence_en").asString()).startsWith("Kab. Sleman, June 2018: 3,416 visits, usually ");
        // A district head gets their district's alerts only: no province or national roll-up.
        for (var row : rows) {
            assertThat(row.get("level").asString()).isEqualTo("KABUPATEN_KOTA");
            assertThat(row.get("district_code").asString()).isEqualTo("3404");
            assertThat(row.get("measure").asString()).isEqualTo("visits");
        }
        assertThat(get("kadis-sleman", "/api/v1/alerts?district=3402&year=2019").statusCode()).isEqualTo(403);
        assertThat(get("nasional", "/api/v1/alerts?year=2018").body()).contains("\"level\":\"PROVINSI\"")
                .contains("\"level\":\"NASIONAL\"");
        List<String> csv = get("bappeda-diy", "/api/v1/alerts?year=2018&format=csv").body().lines().toList();
        assertThat(csv.getFirst()).startsWith("\uFEFFlevel,province_code,district_code,region,year,month,measure,programme,"
                + "observed,expected_low,expected_high,expected,");
        assertThat(csv).anyMatch(line -> line.startsWith("KABUPATEN_KOTA,34,3404,Kab. Sleman,2018,6,visits,," + june + ","));
    }

    @Test
    void alertParametersAreCheckedLikeEveryOther() throws Exception {
        Map<String, String> cases = Map.of(
                "/api/v1/alerts?year=2018&measure=kunjungan", "measure must be one of visits",
                "/api/v1/alerts?year=2018&measure=", "measure must be one of",
                "/api/v1/alerts?district=3404", "give year",
                "/api/v1/alerts?year=2018&programme=KIS%27--", "programme",
                "/api/v1/alerts?year=2018&format=xlsx", "format");
        for (var c : cases.entrySet()) {
            HttpResponse<String> response = get("nasional", c.getKey());
            assertThat(response.statusCode()).as(c.getKey()).isEqualTo(400);
            assertThat(response.body()).as(c.getKey()).contains("\"status\":400").contains(c.getValue());
        }
    }

    @Test
    void forecastsCoverTheTwelveMonthsAfterTheSnapshotWithinTheCallersScope() throws Exception {
        // Bantul has one year (2019) in the fixture: too short for a trend, so its level spread over the
        // national season (twelve factors of mean one): next year's twelve months add up to this year's.
        long year = oracle("SELECT sum(visits) FROM {visits_monthly} WHERE year = 2019 AND district_code = '3402'");
        HttpResponse<String> response = get("bappeda-diy", "/api/v1/forecasts?district=3402&measure=visits");
        assertThat(response.statusCode()).isEqualTo(200);
        var rows = new tools.jackson.databind.ObjectMapper().readTree(response.body()).get("rows");
        List<Integer> months = new java.util.ArrayList<>();
        long sum = 0;
        for (var row : rows) {
            assertThat(row.get("district_code").asString()).isEqualTo("3402");
            if (row.get("programme").isNull()) {
                assertThat(row.get("year").asInt()).isEqualTo(2020);
                months.add(row.get("month").asInt());
                sum += row.get("expected").asLong();
                assertThat(row.get("low_80").asLong()).isLessThan(row.get("expected").asLong());
                assertThat(row.get("high_80").asLong()).isGreaterThan(row.get("expected").asLong());
            }
        }
        assertThat(months).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
        assertThat(sum).as("each month rounded").isBetween(year - 6, year + 6);
        assertThat(get("kadis-sleman", "/api/v1/forecasts?district=3402").statusCode()).isEqualTo(403);
        Map<String, String> cases = Map.of(
                "/api/v1/forecasts?measure=people", "measure must be visits or referrals",
                "/api/v1/forecasts?year=2020", "give no year",
                "/api/v1/forecasts?district=34", "district",
                "/api/v1/forecasts?format=pdf", "format");
        for (var c : cases.entrySet()) {
            HttpResponse<String> bad = get("nasional", c.getKey());
            assertThat(bad.statusCode()).as(c.getKey()).isEqualTo(400);
            assertThat(bad.body()).as(c.getKey()).contains("\"status\":400").contains(c.getValue());
        }
    }

    @Test
    void annotationsAreReadWithinTheCallersScopeAndBesideTheAlertsOfTheirMonth() throws Exception {
        // Recorded as the screen records them: by the service, signed in as each writer.
        String flood = id.slrt.dashboard.testing.UniqueText.of("Banjir lahar dingin");
        String neighbour = id.slrt.dashboard.testing.UniqueText.of("Puskesos baru");
        String national = id.slrt.dashboard.testing.UniqueText.of("Kebijakan nasional");
        SignedIn.as("kadis-sleman", () -> annotations.add("3404", java.time.YearMonth.of(2018, 6),
                java.time.YearMonth.of(2018, 6), id.slrt.dashboard.annotations.Annotation.Kind.DISASTER, flood),
                "ROLE_DISTRICT", "REGION_3404");
        SignedIn.as("bappeda-diy", () -> annotations.add("3402", java.time.YearMonth.of(2019, 1),
                java.time.YearMonth.of(2019, 3), id.slrt.dashboard.annotations.Annotation.Kind.NEW_PUSKESOS, neighbour),
                "ROLE_PROVINCE", "REGION_34");
        SignedIn.as("nasional", () -> annotations.add("", java.time.YearMonth.of(2018, 1),
                java.time.YearMonth.of(2018, 12), id.slrt.dashboard.annotations.Annotation.Kind.POLICY, national), "ROLE_NATIONAL");

        HttpResponse<String> own = get("kadis-sleman", "/api/v1/annotations?year=2018");
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(own.body()).contains(flood).contains(national).doesNotContain(neighbour)
                .contains("\"kind\":\"disaster\"").contains("\"from\":\"2018-06\"");
        assertThat(get("kadis-sleman", "/api/v1/annotations?district=3402&year=2019").statusCode()).isEqualTo(403);
        assertThat(get("bappeda-diy", "/api/v1/annotations?from=2018-01&to=2019-12").body()).contains(flood).contains(neighbour).contains(national);
        assertThat(get("bappeda-diy", "/api/v1/annotations?district=3402&year=2018").body()).doesNotContain(neighbour)
                .as("another district's, and outside the period").doesNotContain(flood);
        assertThat(get("nasional", "/api/v1/annotations?year=2018&format=csv").body()).startsWith("\uFEFFid,region_code,level,from,to,kind,text");
        for (String bad : List.of("/api/v1/annotations?year=20x8", "/api/v1/annotations?year=2018&format=pdf",
                "/api/v1/annotations", "/api/v1/annotations?year=2018&programme=KIS%27--",
                "/api/v1/annotations?district=3404%27%20OR%201=1", "/api/v1/annotations?from=2018-13&to=2019-01")) {
            assertThat(get("nasional", bad).statusCode()).as(bad).isEqualTo(400);
        }
        // Sleman's June 2018 alert carries the flood, in the answer's "annotations".
        var rows = new tools.jackson.databind.ObjectMapper().readTree(
                get("kadis-sleman", "/api/v1/alerts?year=2018&measure=visits").body()).get("rows");
        boolean beside = false;
        for (var row : rows) {
            String notes = row.get("annotations").asString();
            if (row.get("month").asInt() == 6 && row.get("district_code").asString().equals("3404")) {
                beside |= notes.contains("Bencana: " + flood) && notes.contains("Perubahan kebijakan: " + national);
            } else {
                assertThat(notes).doesNotContain(flood);
            }
        }
        assertThat(beside).as("June 2018's alert with both annotations").isTrue();
    }

    @org.springframework.beans.factory.annotation.Autowired
    id.slrt.dashboard.annotations.AnnotationsService annotations;

    @Test
    void csvIsUtf8WithBomAndTheSameNumbers() throws Exception {
        HttpResponse<String> csv = get("nasional", "/api/v1/visits/monthly?district=3404&year=2018&format=csv");
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.getFirst()).isEqualTo("\uFEFFyear,month,visits,visits_year_before,referred,completed");
        long june = Long.parseLong(lines.get(6).split(",")[2]);
        assertThat(june).isEqualTo(3_416);
    }

    @Test
    void theOpenApiDescriptionIsPublic() throws Exception {
        HttpResponse<String> response = get(null, "/api/v1/openapi.json");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"openapi\"").contains("/api/v1/visits/monthly").contains("/api/v1/reports/budget")
                .contains("/api/v1/alerts").contains("/api/v1/forecasts").contains("/api/v1/annotations");
    }

    @Test
    void theBudgetReportOpensBackWithTheWarehousesNumbers() throws Exception {
        long slemanVisits = oracle("SELECT sum(visits) FROM {visits_monthly} WHERE year = 2018 AND district_code = '3404'");
        HttpResponse<byte[]> xlsx = getBytes("bappeda-diy", "/api/v1/reports/budget?region=34&year=2018&format=xlsx");
        assertThat(xlsx.statusCode()).isEqualTo(200);
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            Sheet sheet = book.getSheetAt(0);
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo(
                    "Laporan SLRT untuk perencanaan anggaran: DI Yogyakarta (34), 2018");
            assertThat(sheet.getRow(3).getCell(3).getStringCellValue()).isEqualTo("Kunjungan");
            Row slemanTotal = null;
            for (Row row : sheet) {
                if (row.getRowNum() > 3 && row.getCell(0).getStringCellValue().equals("3404")
                        && row.getCell(2).getStringCellValue().equals("Total")) {
                    slemanTotal = row;
                }
            }
            assertThat(slemanTotal).isNotNull();
            assertThat(slemanTotal.getCell(3).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat((long) slemanTotal.getCell(3).getNumericCellValue()).isEqualTo(slemanVisits);
        }
        HttpResponse<byte[]> pdf = getBytes("nasional", "/api/v1/reports/budget?region=3404&year=2018&format=pdf");
        assertThat(pdf.headers().firstValue("Content-Type").orElse("")).isEqualTo("application/pdf");
        try (var document = Loader.loadPDF(pdf.body())) {
            assertThat(document.getPage(0).getMediaBox().getWidth()).isGreaterThan(document.getPage(0).getMediaBox().getHeight());
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains("Laporan SLRT untuk perencanaan anggaran: Kab. Sleman (3404), 2018")
                    .contains(java.text.NumberFormat.getIntegerInstance(java.util.Locale.of("id", "ID")).format(slemanVisits));
        }
        HttpResponse<String> csv = get("nasional", "/api/v1/reports/budget?region=3404&year=2018&format=csv&delimiter=semicolon");
        assertThat(csv.body()).startsWith("\uFEFF").contains("Kode;Kabupaten/Kota;Program;Kunjungan")
                .contains("3404;Kab. Sleman (3404);Total;" + slemanVisits + ";");
        assertThat(Files.readString(AUDIT_LOG)).contains("\tEXPORT\tbappeda-diy\tbudget report DI Yogyakarta (34) 2018 xlsx")
                .contains("\tLOGIN\tnasional\t");
    }

    private static final List<String> OUTCOME_COUNTS = List.of("referred", "completed", "declined", "open", "completed_within_sla");

    @Test
    void referralOutcomesShowNoCountUnderFiveAndNoneCanBeWorkedOutFromTheTotalsOrTheRowSums() throws Exception {
        // Kota Yogyakarta in one month: few referrals, so some programmes have 1 to 4 declined or open.
        String path = "/api/v1/referrals/outcomes?district=3471&from=2018-01&to=2018-01";
        long smallDeclined = oracle("SELECT count(*) FROM (SELECT programme, sum(declined) AS n FROM {referrals_monthly}"
                + " WHERE district_code = '3471' AND year = 2018 AND month = 1 GROUP BY programme) WHERE n BETWEEN 1 AND 4");
        assertThat(smallDeclined).as("the fixture must give the attack something to find").isPositive();

        var json = new tools.jackson.databind.ObjectMapper().readTree(get("nasional", path).body());
        List<Map<String, Object>> fromJson = new java.util.ArrayList<>();
        for (var row : json.get("rows")) {
            Map<String, Object> cells = new java.util.LinkedHashMap<>();
            row.properties().forEach(e -> cells.put(e.getKey(), e.getValue().isNumber() ? (Object) e.getValue().numberValue()
                    : e.getValue().isNull() ? null : e.getValue().asString()));
            fromJson.add(cells);
        }
        List<String> csv = get("nasional", path + "&format=csv").body().lines().toList();
        List<String> header = List.of(csv.getFirst().substring(1).split(","));
        List<Map<String, Object>> fromCsv = new java.util.ArrayList<>();
        for (String line : csv.subList(1, csv.size())) {
            List<Object> cells = BudgetAttacks.csvCells(List.of(line.split(",", -1)));
            Map<String, Object> row = new java.util.LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                Object cell = cells.get(i);
                row.put(header.get(i), "".equals(cell) ? null : cell instanceof String t && t.matches("\\d+") ? Long.parseLong(t) : cell);
            }
            fromCsv.add(row);
        }
        for (List<Map<String, Object>> rows : List.of(fromJson, fromCsv)) {
            assertNoOutcomeRecoverable(rows);
            assertThat(rows.stream().filter(r -> r.get("dimension").equals("programme") && "<5".equals(r.get("declined"))).count())
                    .isEqualTo(smallDeclined);
        }
    }

    private static void assertNoOutcomeRecoverable(List<Map<String, Object>> rows) {
        Map<String, Object> total = rows.stream().filter(r -> r.get("dimension").equals("total")).findFirst().orElseThrow();
        for (Map<String, Object> row : rows) {
            for (String column : OUTCOME_COUNTS) {
                Object cell = row.get(column);
                if (cell instanceof Number n) {
                    assertThat(n.longValue()).as(column + " in " + row).matches(v -> v == 0 || v >= 5);
                } else {
                    assertThat(BudgetAttacks.isHidden(cell)).as(column + " in " + row).isTrue();
                }
            }
            // referred = completed + declined + open: one hidden among them would be the difference.
            assertThat(java.util.stream.Stream.of("referred", "completed", "declined", "open")
                    .filter(c -> BudgetAttacks.isHidden(row.get(c))).count()).as("row " + row).isNotEqualTo(1);
            if (BudgetAttacks.isHidden(row.get("completed"))) {
                assertThat(row.get("days_to_complete_p50")).as("days of few completed in " + row).isNull();
                assertThat(row.get("days_to_complete_p90")).as("days of few completed in " + row).isNull();
            }
        }
        // The total is the sum of the programmes' rows, and of the agencies' rows, column by column.
        for (String dimension : List.of("programme", "agency")) {
            for (String column : OUTCOME_COUNTS) {
                long hidden = rows.stream().filter(r -> r.get("dimension").equals(dimension))
                        .filter(r -> BudgetAttacks.isHidden(r.get(column))).count()
                        + (BudgetAttacks.isHidden(total.get(column)) ? 1 : 0);
                assertThat(hidden).as(column + " by " + dimension).isNotEqualTo(1);
            }
        }
    }

    @Test
    void monthlyVisitsShowNoCountUnderFiveForAnyProgramme() throws Exception {
        for (String programme : List.of("KIS", "SKTM", "INFORMASI")) {
            List<String> csv = get("nasional", "/api/v1/visits/monthly?district=3471&year=2018&format=csv&programme=" + programme)
                    .body().lines().toList();
            for (String line : csv.subList(1, csv.size())) {
                String[] cells = line.split(",");
                for (int i = 2; i < cells.length; i++) {
                    assertThat(cells[i]).as(programme + ": " + line).matches(c -> BudgetAttacks.isHidden(c)
                            || Long.parseLong(c) == 0 || Long.parseLong(c) >= 5);
                }
            }
        }
    }

    @Test
    void theBudgetReportAsJsonAndCsvLetsNoHiddenCountBeWorkedOut() throws Exception {
        var json = new tools.jackson.databind.ObjectMapper().readTree(
                get("bappeda-diy", "/api/v1/reports/budget?region=34&year=2018&format=json").body());
        List<List<Object>> fromJson = new java.util.ArrayList<>();
        for (var row : json.get("rows")) {
            List<Object> cells = new java.util.ArrayList<>();
            row.forEach(c -> cells.add(c.isNull() ? "" : c.isIntegralNumber() ? (Object) c.longValue()
                    : c.isNumber() ? (Object) c.doubleValue() : c.asString()));
            fromJson.add(cells);
        }
        long hidden = BudgetAttacks.assertNothingRecoverable(fromJson);
        List<List<Object>> fromCsv = get("bappeda-diy", "/api/v1/reports/budget?region=34&year=2018&format=csv").body()
                // The report's table ends at the blank line before the projection's section.
                .lines().skip(2).takeWhile(l -> !l.isEmpty()).map(l -> BudgetAttacks.csvCells(List.of(l.split(",", -1)))).toList();
        assertThat(BudgetAttacks.assertNothingRecoverable(fromCsv)).isEqualTo(hidden);
        assertThat(fromJson).hasSameSizeAs(fromCsv);
    }

    @Test
    void everyApiDataAnswerIsWrittenToTheAuditLogWithUserEndpointParametersAndRowCount() throws Exception {
        get("kadis-sleman", "/api/v1/visits/monthly?district=3404&year=2018&format=csv");
        long months = oracle("SELECT count(DISTINCT month) FROM {visits_monthly} WHERE district_code = '3404' AND year = 2018");
        get("kadis-sleman", "/api/v1/referrals/outcomes?year=2018");
        long outcomes = oracle("SELECT count(DISTINCT programme) + count(DISTINCT agency) + 1 FROM {referrals_monthly}"
                + " WHERE district_code = '3404' AND year = 2018");
        get("kadis-sleman", "/api/v1/regions");
        get("kadis-sleman", "/api/v1/reports/budget?region=3404&year=2018&format=csv");
        long budgetLines = oracle("SELECT count(DISTINCT programme) + 2 FROM {visits_monthly} WHERE district_code = '3404' AND year = 2018");
        assertThat(Files.readString(AUDIT_LOG))
                .contains("\tEXPORT\tkadis-sleman\tapi /api/v1/visits/monthly?district=3404&year=2018&format=csv csv, " + months + " rows\n")
                .contains("\tEXPORT\tkadis-sleman\tapi /api/v1/referrals/outcomes?year=2018 json, " + outcomes + " rows\n")
                // The district and its province: what the caller may pick.
                .contains("\tEXPORT\tkadis-sleman\tapi /api/v1/regions? json, 2 rows\n")
                .contains("\tEXPORT\tkadis-sleman\tbudget report Kab. Sleman (3404) 2018 csv via /api/v1/reports/budget"
                        + " region=3404 year=2018 toYear=2018, " + budgetLines + " rows\n");
    }

    @Test
    void aPasswordCheckedOnceIsRememberedForLaterCallsButAWrongOneIsStillRefused() throws Exception {
        String path = "/api/v1/visits/monthly?district=3404&year=2018";
        assertThat(get("kadis-sleman", path).statusCode()).isEqualTo(200);
        long loginsBefore = auditLines("\tLOGIN\tkadis-sleman\t");
        for (int i = 0; i < 5; i++) {
            assertThat(get("kadis-sleman", path).statusCode()).isEqualTo(200);
        }
        // Remembered: no new bcrypt check, so no new login line for the five calls.
        assertThat(auditLines("\tLOGIN\tkadis-sleman\t")).isEqualTo(loginsBefore);
        long failedBefore = auditLines("\tLOGIN_FAILED\tkadis-sleman\t");
        assertThat(get("kadis-sleman", path, "not-the-password").statusCode()).isEqualTo(401);
        assertThat(auditLines("\tLOGIN_FAILED\tkadis-sleman\t")).isEqualTo(failedBefore + 1);
        assertThat(get("kadis-sleman", path).statusCode()).isEqualTo(200);
    }

    private static long auditLines(String part) throws IOException {
        return Files.readAllLines(AUDIT_LOG).stream().filter(l -> l.contains(part)).count();
    }

    @Test
    void administratorsSeeTheSchedulerAndRunTheEtlNowOthersDoNot() throws Exception {
        JobsApiDouble.instance().reset();
        try {
            HttpResponse<String> status = get("admin", "/api/v1/etl/runs");
            assertThat(status.statusCode()).isEqualTo(200);
            assertThat(status.body()).contains("\"status\":\"SUCCEEDED\"").contains("\"rowsRead\":32416")
                    .contains("\"nextScheduledRun\":\"2019-01-15T19:00:00Z\"");
            assertThat(get("nasional", "/api/v1/etl/runs").statusCode()).isEqualTo(403);
            assertThat(post("nasional", "/api/v1/etl/runs").statusCode()).isEqualTo(403);
            assertThat(JobsApiDouble.instance().posts()).isEmpty();

            HttpResponse<String> queued = post("admin", "/api/v1/etl/runs");
            assertThat(queued.statusCode()).isEqualTo(202);
            assertThat(post("admin", "/api/v1/etl/runs").statusCode()).isEqualTo(409);
            assertThat(JobsApiDouble.instance().posts()).hasSize(2);
            assertThat(Files.readString(AUDIT_LOG)).contains("\tRUN_NOW\tadmin\tapi: QUEUED");
        } finally {
            JobsApiDouble.instance().reset();
        }
    }

    private HttpResponse<String> post(String user, String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((user + ":" + DEMO_PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static long visitsIn(String json) {
        long sum = 0;
        var matcher = java.util.regex.Pattern.compile("\"visits\":(\\d+)").matcher(json);
        while (matcher.find()) {
            sum += Long.parseLong(matcher.group(1));
        }
        return sum;
    }

    private static long oracle(String sql) {
        return Oracle.number(SharedWarehouse.standard(), sql);
    }

    private HttpResponse<String> get(String user, String path) throws IOException, InterruptedException {
        return get(user, path, DEMO_PASSWORD);
    }

    private HttpResponse<String> get(String user, String path, String password) throws IOException, InterruptedException {
        return http.send(request(user, path, password), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private HttpResponse<byte[]> getBytes(String user, String path) throws IOException, InterruptedException {
        return http.send(request(user, path, DEMO_PASSWORD), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpRequest request(String user, String path, String password) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return request.build();
    }
}
