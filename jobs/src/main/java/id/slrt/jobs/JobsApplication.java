package id.slrt.jobs;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

import java.util.stream.Stream;

/**
 * The jobs service: Quartz runs the Spark ETL at start-up, on a cron schedule, on demand and on retry,
 * with its schedule and run records in a database; health, metrics and the runs API on a web port.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class JobsApplication {
    public static void main(String[] args) {
        SpringApplication.run(JobsApplication.class, args);
    }

    /**
     * Boot hands the data source to Quartz without a bean dependency, so at shutdown the pool could close
     * under a running ETL, whose end then cannot be recorded. Depending on it makes the scheduler (which
     * waits for the run) stop first.
     */
    @Bean
    static BeanFactoryPostProcessor schedulerStopsBeforeItsDatabase() {
        return beanFactory -> {
            if (beanFactory.containsBeanDefinition("quartzScheduler") && beanFactory.containsBeanDefinition("dataSource")) {
                BeanDefinition scheduler = beanFactory.getBeanDefinition("quartzScheduler");
                String[] dependsOn = scheduler.getDependsOn() == null ? new String[0] : scheduler.getDependsOn();
                scheduler.setDependsOn(Stream.concat(Stream.of(dependsOn), Stream.of("dataSource")).toArray(String[]::new));
            }
        };
    }
}
