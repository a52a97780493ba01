package example.boot;

import io.subito.container.ExecutionMode;
import io.subito.spring.boot.SubitoServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class SubitoSettings {
    @Bean
    SubitoServerCustomizer inlineOnTwoLoops() {
        return config -> config.mode(ExecutionMode.INLINE).loops(2);   // handlers that never block only
    }
}
