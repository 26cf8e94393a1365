package dev.partnerauth.servlet.testing;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.ArgumentsProvider;

/**
 * The containers a {@link ContainerTest} runs on: all of them, or those named (comma-separated)
 * in the system property {@value #PROPERTY}, as the build's Tomcat 10.1 run does.
 */
public final class ContainersInScope implements ArgumentsProvider {
    public static final String PROPERTY = "partnerauth.test.containers";

    @Override
    public Stream<? extends Arguments> provideArguments(ExtensionContext context) {
        String named = System.getProperty(PROPERTY, "");
        Stream<Containers> all = named.isBlank() ? Arrays.stream(Containers.values())
                : Arrays.stream(named.split(",")).map(n -> Containers.valueOf(n.trim().toUpperCase(Locale.ROOT)));
        return all.map(Arguments::of);
    }
}
