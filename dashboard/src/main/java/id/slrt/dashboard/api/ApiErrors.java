package id.slrt.dashboard.api;

import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

import id.slrt.dashboard.security.AccessDenied;
import id.slrt.dashboard.warehouse.WarehouseException;

/** Every API error as JSON {@code {"status": N, "error": "..."}}: 400 for parameters, 403 out of scope. */
@RestControllerAdvice(assignableTypes = ApiController.class)
class ApiErrors {

    @ExceptionHandler(ApiParameters.BadRequest.class)
    ResponseEntity<Map<String, Object>> badRequest(ApiParameters.BadRequest e) {
        return error(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Map<String, Object>> typeMismatch(MethodArgumentTypeMismatchException e) {
        return error(HttpStatus.BAD_REQUEST, e.getName() + " has the wrong form: '" + e.getValue() + "'");
    }

    @ExceptionHandler(org.springframework.validation.BindException.class)
    ResponseEntity<Map<String, Object>> binding(org.springframework.validation.BindException e) {
        var field = e.getFieldError();
        return error(HttpStatus.BAD_REQUEST, field == null ? "bad parameters"
                : field.getField() + " has the wrong form: '" + field.getRejectedValue() + "'");
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<Map<String, Object>> missing(MissingServletRequestParameterException e) {
        return error(HttpStatus.BAD_REQUEST, e.getParameterName() + " is required");
    }

    @ExceptionHandler(AccessDenied.class)
    ResponseEntity<Map<String, Object>> denied(AccessDenied e) {
        return error(HttpStatus.FORBIDDEN, e.getMessage());
    }

    @ExceptionHandler(WarehouseException.class)
    ResponseEntity<Map<String, Object>> warehouse(WarehouseException e) {
        return error(HttpStatus.SERVICE_UNAVAILABLE, "the warehouse cannot be read: " + e.getMessage());
    }

    @ExceptionHandler(ApiController.NoSnapshot.class)
    ResponseEntity<Map<String, Object>> noSnapshot(ApiController.NoSnapshot e) {
        return error(HttpStatus.SERVICE_UNAVAILABLE, "no data yet: the ETL has not published a snapshot");
    }

    static ResponseEntity<Map<String, Object>> error(HttpStatus status, String message) {
        return ResponseEntity.status(status).body(Map.of("status", status.value(), "error", message));
    }
}
