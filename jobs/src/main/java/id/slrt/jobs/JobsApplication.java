package id.slrt.jobs;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The jobs service: Quartz runs the Spark ETL at start-up, on a cron schedule and on demand. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class JobsApplication {
    public static void main(String[] args) {
        SpringApplication.run(JobsApplication.class, args);
    }
}
