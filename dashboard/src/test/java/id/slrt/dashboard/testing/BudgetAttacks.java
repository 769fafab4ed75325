package id.slrt.dashboard.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

/**
 * The attacks on a budget report read back from a file or an answer (one list of cells a line, as
 * BudgetReport.HEADERS: code, district, programme, visits, year before, change, people, referred,
 * completed, completion): no count of 1 to 4 shows, and no hidden count can be worked out by total -
 * sum(shown parts) or by rate * denominator. Cells are Long or Double numbers, or text ("&lt;5", "x", "").
 */
public final class BudgetAttacks {

    private static final int VISITS = 3;
    private static final int BEFORE = 4;
    private static final int CHANGE = 5;
    private static final int PEOPLE = 6;
    private static final int REFERRED = 7;
    private static final int COMPLETED = 8;
    private static final int RATE = 9;

    private BudgetAttacks() {
    }

    /** @return how many counts are hidden, so a test can tell it attacked something */
    public static long assertNothingRecoverable(List<List<Object>> rows) {
        long hidden = 0;
        List<List<Object>> programmes = new ArrayList<>();
        List<List<Object>> districts = new ArrayList<>();
        for (List<Object> row : rows) {
            for (int c : new int[] {VISITS, BEFORE, PEOPLE, REFERRED, COMPLETED}) {
                Object cell = row.get(c);
                if (cell instanceof Number n) {
                    assertThat(n.longValue()).as("a count shown in " + row).satisfiesAnyOf(
                            v -> assertThat(v).isZero(), v -> assertThat(v).isGreaterThanOrEqualTo(5));
                } else if (isHidden(cell)) {
                    hidden++;
                }
            }
            // A rate or change shows only over shown counts: else rate * denominator gives the count back.
            if (!isEmpty(row.get(RATE))) {
                assertThat(row.get(REFERRED)).as("referred under a shown rate in " + row).isInstanceOf(Number.class);
                assertThat(row.get(COMPLETED)).as("completed under a shown rate in " + row).isInstanceOf(Number.class);
            }
            if (!isEmpty(row.get(CHANGE))) {
                assertThat(row.get(VISITS)).as("visits under a shown change in " + row).isInstanceOf(Number.class);
                assertThat(row.get(BEFORE)).as("visits a year before under a shown change in " + row).isInstanceOf(Number.class);
            }
            boolean total = "Total".equals(row.get(2));
            boolean grand = total && isEmpty(row.get(0));
            if (!total) {
                programmes.add(row);
            } else if (!grand) {
                assertSubtractionRecoversNothing(row, programmes, VISITS, BEFORE, REFERRED, COMPLETED);
                programmes.clear();
                districts.add(row);
            } else {
                assertSubtractionRecoversNothing(row, districts, VISITS, BEFORE, PEOPLE, REFERRED, COMPLETED);
            }
        }
        return hidden;
    }

    /** A sum with exactly one hidden cell gives it back as total - sum(shown parts) (or sum(parts) for the total). */
    private static void assertSubtractionRecoversNothing(List<Object> total, List<List<Object>> parts, int... columns) {
        for (int c : columns) {
            long hiddenCells = (isHidden(total.get(c)) ? 1 : 0) + parts.stream().filter(p -> isHidden(p.get(c))).count();
            assertThat(hiddenCells).as("hidden cells of column " + c + " in the sum " + total + " of " + parts).isNotEqualTo(1);
        }
    }

    public static boolean isHidden(Object cell) {
        return cell instanceof String s && (s.startsWith("<") || s.equals("x"));
    }

    private static boolean isEmpty(Object cell) {
        return cell == null || "".equals(cell);
    }

    /** A CSV line's cells as the checks want them: integers as Long, decimals (0.25 or 0,25) as Double. */
    public static List<Object> csvCells(List<String> cells) {
        List<Object> parsed = new ArrayList<>();
        for (String cell : cells) {
            if (cell.matches("-?\\d+") && parsed.size() >= VISITS) {
                parsed.add(Long.parseLong(cell));
            } else if (cell.matches("-?\\d+[.,]\\d+")) {
                parsed.add(Double.parseDouble(cell.replace(',', '.')));
            } else {
                parsed.add(cell);
            }
        }
        return parsed;
    }
}
