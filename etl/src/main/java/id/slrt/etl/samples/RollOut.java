package id.slrt.etl.samples;

import id.slrt.etl.regions.Region;
import id.slrt.etl.regions.Regions;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * Which districts run SLRT in which year, true to the published roll-out: 50 districts in 2016, 78 in
 * 2017 (22 provinces), 138 in 2018 (32 provinces), the target of 150 in 34 provinces for 2019, then 12
 * more a year. Deterministic for a seed; Sleman and Bantul (SLRT since 2016) come first.
 */
final class RollOut {
    /** Districts running SLRT, cumulative (2019 is the target). */
    private static final Map<Integer, Integer> DISTRICTS = Map.of(2016, 50, 2017, 78, 2018, 138, 2019, 150);
    /** Provinces with SLRT: 2017 and 2018 are published, 2019 is the target; 2016 is not published (ours). */
    private static final Map<Integer, Integer> PROVINCES = Map.of(2016, 17, 2017, 22, 2018, 32, 2019, 34);
    /** The four Papua provinces made in 2022 did not exist during the roll-out. */
    private static final Set<String> PROVINCES_SINCE_2022 = Set.of("93", "94", "95", "96");

    private final List<Region> order;

    RollOut(Regions regions, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Region> districts = regions.districts();
        List<String> provinces = new ArrayList<>(new TreeSet<>(districts.stream()
                .map(Region::provinceCode).filter(p -> !PROVINCES_SINCE_2022.contains(p)).toList()));
        shuffle(provinces, random);
        String home = regions.get(SampleGenerator.SLEMAN).provinceCode();
        provinces.remove(home);
        provinces.addFirst(home);

        order = new ArrayList<>(List.of(regions.get(SampleGenerator.SLEMAN), regions.get(SampleGenerator.BANTUL)));
        Set<Region> taken = new HashSet<>(order);
        for (int year = 2016; year <= 2019; year++) {
            List<String> allowed = provinces.subList(0, PROVINCES.get(year));
            // Each newly covered province gets one district first, so the province count is exact...
            for (String province : allowed) {
                if (order.stream().noneMatch(d -> d.provinceCode().equals(province))) {
                    List<Region> candidates = districts.stream()
                            .filter(d -> d.provinceCode().equals(province) && !taken.contains(d)).toList();
                    Region first = candidates.get(random.nextInt(candidates.size()));
                    order.add(first);
                    taken.add(first);
                }
            }
            // ...then the year's remaining districts come from any covered province.
            List<Region> pool = new ArrayList<>(districts.stream()
                    .filter(d -> allowed.contains(d.provinceCode()) && !taken.contains(d)).toList());
            shuffle(pool, random);
            for (int i = 0; order.size() < DISTRICTS.get(year); i++) {
                order.add(pool.get(i));
                taken.add(pool.get(i));
            }
        }
        List<Region> rest = new ArrayList<>(districts.stream().filter(d -> !taken.contains(d)).toList());
        shuffle(rest, random);
        order.addAll(rest);
    }

    static int activeDistricts(int year) {
        if (DISTRICTS.containsKey(year)) {
            return DISTRICTS.get(year);
        }
        return year < 2016 ? 0 : 150 + 12 * (year - 2019);
    }

    /** The districts running SLRT in a year, in roll-out order. */
    List<Region> active(int year) {
        return order.subList(0, Math.min(order.size(), activeDistricts(year)));
    }

    /** The year a district started SLRT. */
    int firstYear(Region district) {
        int position = order.indexOf(district);
        int year = 2016;
        while (activeDistricts(year) <= position) {
            year++;
        }
        return year;
    }

    private static <T> void shuffle(List<T> list, SplittableRandom random) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            T swap = list.get(i);
            list.set(i, list.get(j));
            list.set(j, swap);
        }
    }
}
