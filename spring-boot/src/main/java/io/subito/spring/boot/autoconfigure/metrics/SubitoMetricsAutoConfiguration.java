package io.subito.spring.boot.autoconfigure.metrics;

import io.micrometer.core.instrument.binder.MeterBinder;
import io.subito.spring.boot.SubitoServletWebServerFactory;
import io.subito.spring.boot.autoconfigure.SubitoServletWebServerAutoConfiguration;
import io.subito.spring.boot.metrics.SubitoMetrics;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * Subito's meters ({@link SubitoMetrics}) when Micrometer is on the class path and Subito is the
 * server; Spring Boot's metrics support binds every {@link MeterBinder} bean to its registries.
 */
@AutoConfiguration(after = SubitoServletWebServerAutoConfiguration.class)
@ConditionalOnClass(MeterBinder.class)
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnBean(SubitoServletWebServerFactory.class)
public final class SubitoMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    SubitoMetrics subitoMetrics(ApplicationContext context) {
        return new SubitoMetrics(context);
    }
}
