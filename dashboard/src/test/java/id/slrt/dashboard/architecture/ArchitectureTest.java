package id.slrt.dashboard.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.stereotype.Service;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import id.slrt.dashboard.filters.FilterService;
import id.slrt.dashboard.mail.MonthlyReportService;
import id.slrt.dashboard.operations.OperationsService;
import id.slrt.dashboard.warehouse.ScopedQuery;
import id.slrt.dashboard.warehouse.Warehouse;

/**
 * The rules that keep the region scope by construction: only the warehouse package talks to DuckDB, and
 * everything else reaches the warehouse's SQL through {@link ScopedQuery}, which needs the user's scope.
 */
class ArchitectureTest {

    private static final String WAREHOUSE = "id.slrt.dashboard.warehouse..";
    private static final String ANNOTATION_STORE = "id.slrt.dashboard.annotations.AnnotationStore";
    /** What instances side by side share through the configured database (docs/cluster.md). */
    private static final String AUDIT_STORE = "id.slrt.dashboard.security.AuditStore";
    private static final String SENT_STORE = "id.slrt.dashboard.mail.SentStore";
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("id.slrt.dashboard");

    @Test
    void noClassOutsideTheWarehousePackageUsesJdbcOrDuckDb() {
        noClasses().that().resideOutsideOfPackage(WAREHOUSE).and().doNotHaveFullyQualifiedName(ANNOTATION_STORE)
                .and().doNotHaveFullyQualifiedName(AUDIT_STORE).and().doNotHaveFullyQualifiedName(SENT_STORE)
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "org.duckdb..")
                .orShould().dependOnClassesThat().resideInAnyPackage("org.springframework.jdbc..")
                .because("SQL reaches the warehouse only through ScopedQuery, which adds the user's region; the"
                        + " annotations' own database only through AnnotationStore, the shared audit and sent mails"
                        + " through AuditStore and SentStore")
                .check(MAIN);
        noClasses().that().haveFullyQualifiedName(ANNOTATION_STORE).or().haveFullyQualifiedName(AUDIT_STORE)
                .or().haveFullyQualifiedName(SENT_STORE)
                .should().dependOnClassesThat().resideInAnyPackage("org.duckdb..", WAREHOUSE)
                .because("the dashboard's own database is not the warehouse")
                .check(MAIN);
        noClasses().that().resideInAPackage(WAREHOUSE)
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.jdbc..")
                .because("the warehouse is DuckDB over the snapshot's Parquet, never the Spring data source")
                .check(MAIN);
    }

    @Test
    void onlyTheAnnotationsServiceReachesTheAnnotationStore() {
        noClasses().that().doNotHaveFullyQualifiedName("id.slrt.dashboard.annotations.AnnotationsService")
                .and().doNotHaveFullyQualifiedName(ANNOTATION_STORE)
                .should().dependOnClassesThat().haveFullyQualifiedName(ANNOTATION_STORE)
                .because("the service checks the user's region before every read and write")
                .check(MAIN);
    }

    @Test
    void noClassOutsideTheWarehousePackageCallsTheWarehousesRawSqlMethods() {
        // Only what describes the snapshots is allowed outside: the current one, where the warehouse is
        // and whether a snapshot holds sample data (for the demo users). No SQL.
        Set<String> allowed = Set.of("currentSnapshot", "root", "isSampleData");
        noClasses().that().resideOutsideOfPackage(WAREHOUSE)
                .should().callMethodWhere(DescribedPredicate.describe("a Warehouse method other than " + allowed,
                        (JavaMethodCall call) -> call.getTargetOwner().isEquivalentTo(Warehouse.class)
                                && !allowed.contains(call.getName())))
                .check(MAIN);
    }

    @Test
    void everyServiceWithSqlRunsItThroughTheScopedQueryHelper() {
        classes().that().areAnnotatedWith(Service.class).and(holdSql())
                .should().dependOnClassesThat().areAssignableTo(ScopedQuery.class)
                .andShould().onlyDependOnClassesThat(DescribedPredicate.not(
                        DescribedPredicate.describe("the warehouse's raw tables", (JavaClass c) ->
                                c.getPackageName().equals("id.slrt.dashboard.warehouse")
                                        && Set.of("Rollups", "Tables").contains(c.getSimpleName()))))
                .check(MAIN);
    }

    @Test
    void onlyReadersOfReferenceDataRunQueriesWithoutTheRegionCondition() {
        noClasses().that().resideOutsideOfPackage(WAREHOUSE)
                .and().doNotBelongToAnyOf(FilterService.class, MonthlyReportService.class, OperationsService.class,
                        id.slrt.dashboard.outlook.OutlookService.class)
                .should().callMethod(ScopedQuery.class, "reference", id.slrt.dashboard.warehouse.Snapshot.class, String.class)
                .because("a reference query has no {region}: only months, region names, ETL runs and the national"
                        + " seasonal pattern (twelve ratios) may be read so")
                .check(MAIN);
    }

    @Test
    void everyScreenAndApiThatShowsRegionalNumbersGoesThroughTheDisclosurePolicy() {
        classes().that().areAnnotatedWith(com.vaadin.flow.router.Route.class)
                .or().areAnnotatedWith(org.springframework.web.bind.annotation.RestController.class)
                .and(showRegionalNumbers())
                .should().dependOnClassesThat().areAssignableTo(id.slrt.dashboard.disclosure.Disclosure.class)
                .because("every count that leaves the server goes through the one disclosure policy")
                .check(MAIN);
    }

    /** Uses a service whose answers are counts of people in regions. */
    @Test
    void theMapsNumbersGoThroughTheDisclosurePolicyInItsService() {
        classes().that().areAssignableTo(id.slrt.dashboard.map.MapService.class)
                .should().dependOnClassesThat().areAssignableTo(id.slrt.dashboard.disclosure.Disclosure.class)
                .because("the map view draws only the values its service lets out")
                .check(MAIN);
    }

    private static DescribedPredicate<JavaClass> showRegionalNumbers() {
        Set<String> services = Set.of("NationalService", "ReferralsService", "QualityService", "ReachService",
                "VisitsService", "BudgetReportService", "BudgetDownloads");
        return DescribedPredicate.describe("show the numbers of a regional data service",
                (JavaClass c) -> c.getDirectDependenciesFromSelf().stream().map(d -> d.getTargetClass())
                        .anyMatch(t -> t.getPackageName().startsWith("id.slrt.dashboard") && services.contains(t.getSimpleName())));
    }

    /** A class with a constant named ..._SQL: it runs SQL of its own. */
    private static DescribedPredicate<JavaClass> holdSql() {
        return DescribedPredicate.describe("hold SQL constants",
                (JavaClass c) -> c.getFields().stream().anyMatch(f -> f.getName().endsWith("_SQL")));
    }
}
