package id.slrt.jobs;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Collectors;

/** Cron expressions for a few exact seconds from now (in the service's zone), none crossing a minute. */
final class Slots {
    static final ZoneId ZONE = ZoneId.of("Asia/Jakarta");

    private Slots() {
    }

    /** Waits, if needed, so that {@code lastOffset} seconds from now fall in the same minute; returns now. */
    static ZonedDateTime startOfWindow(int lastOffset) throws InterruptedException {
        ZonedDateTime now = ZonedDateTime.now(ZONE).truncatedTo(ChronoUnit.SECONDS);
        if (now.getSecond() + lastOffset > 58) {
            Thread.sleep((60 - now.getSecond()) * 1000L + 200);
            now = ZonedDateTime.now(ZONE).truncatedTo(ChronoUnit.SECONDS);
        }
        return now;
    }

    /** Fires at exactly these seconds after {@code start}, on that day only. */
    static String cron(ZonedDateTime start, List<Integer> offsets) {
        String seconds = offsets.stream().map(o -> String.valueOf(start.plusSeconds(o).getSecond()))
                .collect(Collectors.joining(","));
        return seconds + " " + start.getMinute() + " " + start.getHour() + " " + start.getDayOfMonth() + " "
                + start.getMonthValue() + " ? " + start.getYear();
    }
}
