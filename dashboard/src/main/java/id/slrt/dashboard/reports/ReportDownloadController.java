package id.slrt.dashboard.reports;

import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import id.slrt.dashboard.security.AccessDenied;

/** The report screen's download links: the signed-in session's user, the same rules as the API. */
@Controller
class ReportDownloadController {

    private final BudgetDownloads downloads;

    ReportDownloadController(BudgetDownloads downloads) {
        this.downloads = downloads;
    }

    @GetMapping("/laporan/unduh")
    ResponseEntity<?> download(@RequestParam(required = false) String region, @RequestParam(required = false) Integer year,
                               @RequestParam(required = false) Integer toYear, @RequestParam(required = false) String format,
                               @RequestParam(required = false) String delimiter) {
        return downloads.download(BudgetDownloads.Request.of(region, year, toYear, format, delimiter), "/laporan/unduh");
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<String> bad(IllegalArgumentException e) {
        return ResponseEntity.badRequest().body(e.getMessage());
    }

    @ExceptionHandler(AccessDenied.class)
    ResponseEntity<String> denied(AccessDenied e) {
        return ResponseEntity.status(403).body(e.getMessage());
    }
}
