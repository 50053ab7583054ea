package io.hearth.server.config;

import java.util.Optional;
import org.springdoc.webflux.ui.SwaggerIndexTransformer;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.aop.target.LazyInitTargetSource;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;

/**
 * Makes springdoc's beans and Hearth's OpenAPI beans lazy: the OpenAPI document (/v3/api-docs) and the Swagger UI are
 * built on their first request instead of at start-up. springdoc works with swagger-core, which brings Jackson 2
 * beside the server's Jackson 3; creating them eagerly loaded ~800 classes that an idle server never uses
 * (benchmark/README.md, "What the idle RSS is made of"). Request mappings find the lazy controllers by their type, so
 * the endpoints answer as before.
 *
 * <p>The Swagger UI's resource configurer is a {@code WebFluxConfigurer}, which WebFlux collects at start-up; its
 * page transformer needs springdoc's Jackson 2 mappers, so the configurer gets a proxy that creates the transformer on
 * the first page served.
 */
final class LazyApiDocs implements BeanFactoryPostProcessor {

    private static final String SPRINGDOC = "org.springdoc.";
    private static final String HEARTH_OPENAPI = OpenApiConfiguration.class.getName();

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        for (String name : beanFactory.getBeanDefinitionNames()) {
            BeanDefinition definition = beanFactory.getBeanDefinition(name);
            if (eagerByDeclaration(definition)) {
                continue;
            }
            if (declaringClass(beanFactory, definition)
                    .filter(LazyApiDocs::isApiDocs)
                    .isPresent()) {
                definition.setLazyInit(true);
            }
        }
        if (beanFactory instanceof BeanDefinitionRegistry registry) {
            for (String name : beanFactory.getBeanNamesForType(SwaggerIndexTransformer.class, true, false)) {
                createOnFirstUse(beanFactory, registry, name);
            }
        }
    }

    private static void createOnFirstUse(
            ConfigurableListableBeanFactory beanFactory, BeanDefinitionRegistry registry, String name) {
        BeanDefinition real = registry.getBeanDefinition(name);
        registry.removeBeanDefinition(name);
        real.setLazyInit(true);
        real.setAutowireCandidate(false);
        String target = name + ".onFirstUse";
        registry.registerBeanDefinition(target, real);
        registry.registerBeanDefinition(name, new RootBeanDefinition(SwaggerIndexTransformer.class, () -> {
            LazyInitTargetSource source = new LazyInitTargetSource();
            source.setTargetBeanName(target);
            source.setTargetClass(SwaggerIndexTransformer.class);
            source.setBeanFactory(beanFactory);
            return ProxyFactory.getProxy(SwaggerIndexTransformer.class, source);
        }));
    }

    /**
     * springdoc marks the beans that must exist before the first document is built with {@code @Lazy(false)} (the
     * WebFlux converter that reads {@code Mono<T>} as {@code T} registers itself when created): those stay eager.
     */
    private static boolean eagerByDeclaration(BeanDefinition definition) {
        return definition instanceof AbstractBeanDefinition declared && Boolean.FALSE.equals(declared.getLazyInit());
    }

    private static boolean isApiDocs(String className) {
        return className.startsWith(SPRINGDOC) || className.equals(HEARTH_OPENAPI);
    }

    /** The bean's class, or for a bean made by a factory method, the class declaring that method. */
    private static Optional<String> declaringClass(ConfigurableListableBeanFactory beanFactory, BeanDefinition bean) {
        String factory = bean.getFactoryBeanName();
        if (factory != null && beanFactory.containsBeanDefinition(factory)) {
            return Optional.ofNullable(beanFactory.getBeanDefinition(factory).getBeanClassName());
        }
        return Optional.ofNullable(bean.getBeanClassName());
    }
}
