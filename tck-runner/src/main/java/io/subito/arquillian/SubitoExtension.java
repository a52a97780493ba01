package io.subito.arquillian;

import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.core.spi.LoadableExtension;

/** Registers Subito as an Arquillian container (found through META-INF/services). */
public final class SubitoExtension implements LoadableExtension {
    @Override
    public void register(ExtensionBuilder builder) {
        builder.service(DeployableContainer.class, SubitoDeployableContainer.class);
    }
}
