package id.slrt.dashboard.referrals;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import id.slrt.dashboard.disclosure.Disclosure;

/**
 * The referral outcomes' counts in a disclosure table, with the sums a reader could subtract: on each row
 * referred = completed + declined + open, and the total of each column over the programmes and over the
 * agencies. WHY one class: the screen and the API show the same outcomes and must hide the same cells.
 */
public final class OutcomeCounts {

    public static final int REFERRED = 0;
    public static final int COMPLETED = 1;
    public static final int DECLINED = 2;
    public static final int OPEN = 3;
    public static final int WITHIN_SLA = 4;

    private final Disclosure.Table table;
    private final Map<ReferralsService.Outcome, Disclosure.Count[]> counts = new IdentityHashMap<>();

    /** Adds the outcomes to the table; call {@link Disclosure.Table#disclose()} before showing any. */
    public OutcomeCounts(Disclosure.Table table, List<ReferralsService.Outcome> outcomes) {
        this.table = table;
        Map<String, List<Disclosure.Count[]>> byDimension = new LinkedHashMap<>();
        Disclosure.Count[] total = null;
        for (ReferralsService.Outcome o : outcomes) {
            Disclosure.Count[] c = {table.count(o.referred()), table.count(o.completed()), table.count(o.declined()),
                    table.count(o.open()), table.count(o.completedWithinSla())};
            table.sum(c[REFERRED], List.of(c[COMPLETED], c[DECLINED], c[OPEN]));
            counts.put(o, c);
            if (o.dimension().equals("total")) {
                total = c;
            } else {
                byDimension.computeIfAbsent(o.dimension(), d -> new ArrayList<>()).add(c);
            }
        }
        if (total != null) {
            for (List<Disclosure.Count[]> parts : byDimension.values()) {
                for (int k = 0; k < total.length; k++) {
                    int column = k;
                    table.sum(total[k], parts.stream().map(p -> p[column]).toList());
                }
            }
        }
    }

    public Disclosure.Count get(ReferralsService.Outcome outcome, int column) {
        return counts.get(outcome)[column];
    }

    public Double completionRate(ReferralsService.Outcome o) {
        return table.measure(o.completionRate(), get(o, COMPLETED), get(o, REFERRED)).shown();
    }

    public Double declinedShare(ReferralsService.Outcome o) {
        return table.measure(o.declinedShare(), get(o, DECLINED), get(o, REFERRED)).shown();
    }

    public Double withinSlaShare(ReferralsService.Outcome o) {
        return table.measure(o.withinSlaShare(), get(o, WITHIN_SLA), get(o, COMPLETED)).shown();
    }

    /** Days to completion: with few completed referrals, one person's wait. */
    public Double daysP50(ReferralsService.Outcome o) {
        return table.measure(o.daysP50(), get(o, COMPLETED)).shown();
    }

    public Double daysP90(ReferralsService.Outcome o) {
        return table.measure(o.daysP90(), get(o, COMPLETED)).shown();
    }
}
