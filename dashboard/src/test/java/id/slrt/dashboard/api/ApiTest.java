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

import id.slrt.dashboard.testing.JobsApiDouble;
import id.slrt.dashboard.testing.Oracle;
import id.slrt.dashboard.testing.ServerTest;
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
        assertThat(response.body()).contains("\"openapi\"").contains("/api/v1/visits/monthly").contains("/api/v1/reports/budget");
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
