package io.github.ecsexecreadiness;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * A test class that reads files of the repository outside this module (template.yaml, member-role.yaml,
 * samconfig.toml, events/, README.md), through {@link TestScope#repositoryRoot()}. {@code sam build} copies this
 * folder alone and runs {@code mvn clean install} there, so such tests run only in the repository (profile
 * {@code repository} of the pom, which turns itself on there; bin/test also names it).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag(TestScope.REPOSITORY_TAG)
public @interface ReadsRepositoryFiles {
}
