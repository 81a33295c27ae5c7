package io.github.ecsexecreadiness;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * A test class that starts an AWS emulator (a moto server, or LocalStack in a container). Left out of the build
 * {@code sam build} runs, which must need no Python, Docker or emulator; bin/test runs them (profile
 * {@code repository}). {@link TestScope#refuseEmulatorOutsideRepository} fails a test that starts one without it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag(TestScope.EMULATOR_TAG)
public @interface StartsEmulator {
}
