package id.slrt.dashboard.mail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.YearMonth;
import java.util.HashSet;
import java.util.Set;

/**
 * The mails sent: one tab-separated line each (report month, address, region, UTC time, snapshot),
 * appended once the SMTP server has taken the mail. What is in it is never sent again, so a restart,
 * the next snapshot or the next check sends nothing twice; a failed send is not in it and is retried.
 */
final class SentLog implements SentMails {

    private final Path file;

    SentLog(Path file) {
        this.file = file.toAbsolutePath();
    }

    Path file() {
        return file;
    }

    @Override
    public String where() {
        return file.toString();
    }

    /** One instance: the mailer's one check at a time is the claim. */
    @Override
    public boolean claim(YearMonth month, MailProperties.Subscriber subscriber) {
        return true;
    }

    @Override
    public void release(YearMonth month, MailProperties.Subscriber subscriber) {
        // nothing was claimed
    }

    @Override
    public synchronized Set<String> sent(YearMonth month) {
        Set<String> keys = new HashSet<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] cells = line.split("\t");
                if (cells.length >= 3 && cells[0].equals(month.toString())) {
                    keys.add(SentMails.key(cells[1], cells[2]));
                }
            }
        } catch (NoSuchFileException e) {
            return keys;
        } catch (IOException e) {
            // Unreadable: sending now could send twice, so send nothing until it can be read.
            throw new UncheckedIOException("Cannot read the sent log " + file, e);
        }
        return keys;
    }

    @Override
    public synchronized void record(YearMonth month, MailProperties.Subscriber subscriber, String snapshot) {
        String line = String.join("\t", month.toString(), subscriber.email().strip(), subscriber.regionName(),
                Instant.now().toString(), snapshot) + "\n";
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the sent log " + file, e);
        }
    }

}
