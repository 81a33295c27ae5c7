package io.github.ecsexecreadiness.check;

import io.github.ecsexecreadiness.model.Ecs;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** Small decisions several checks share, so each is made one way only. */
public final class CheckSupport {
    /** How many names a one-line reason spells out before "and N more". */
    public static final int NAMED = 3;

    private static final Pattern DOTTED = Pattern.compile("\\d{1,9}(\\.\\d{1,9})*");
    /** The capacity providers backed by Fargate; every other one is backed by EC2 instances. */
    public static final List<String> FARGATE_PROVIDERS = List.of("FARGATE", "FARGATE_SPOT");

    private CheckSupport() {}

    /** Where tasks run, as ECS names it in {@code launchType}. */
    public enum LaunchType { FARGATE, EC2, EXTERNAL, MANAGED_INSTANCES }

    /** "a, b, c and 2 more": enough names to act on, short enough for one line. */
    public static String listed(Collection<String> names) {
        List<String> all = List.copyOf(names);
        if (all.size() <= NAMED) {
            return String.join(", ", all);
        }
        return String.join(", ", all.subList(0, NAMED)) + " and " + (all.size() - NAMED) + " more";
    }

    /** "web in web:3" for each container of these task definitions that matches, in definition order. */
    public static List<String> containers(List<Ecs.TaskDefinition> definitions,
                                          Predicate<Ecs.ContainerDefinition> matching) {
        List<String> names = new ArrayList<>();
        for (Ecs.TaskDefinition definition : definitions) {
            for (Ecs.ContainerDefinition container : definition.containerDefinitions()) {
                if (matching.test(container)) {
                    names.add(container(container, definition));
                }
            }
        }
        return names;
    }

    /** "web in web:3": the container and the family:revision it belongs to. */
    public static String container(Ecs.ContainerDefinition container, Ecs.TaskDefinition definition) {
        return container.name() + " in " + definition.familyRevision();
    }

    /** "web:3, worker:7": the task definitions, listed. */
    public static String familyRevisions(List<Ecs.TaskDefinition> definitions) {
        return listed(definitions.stream().map(Ecs.TaskDefinition::familyRevision).toList());
    }

    /**
     * Where a task runs: its own launchType, else the service's, else the service's capacity providers
     * (FARGATE and FARGATE_SPOT are Fargate; any other provider is backed by EC2 instances). Empty when none
     * of these says, or the value is one this tool does not know.
     *
     * @param task a running task, or null to ask about the service's future tasks
     */
    public static Optional<LaunchType> launchType(Ecs.Service service, Ecs.Task task) {
        String declared = task != null && task.launchType() != null ? task.launchType() : service.launchType();
        if (declared != null) {
            try {
                return Optional.of(LaunchType.valueOf(declared));
            } catch (IllegalArgumentException unknown) {
                return Optional.empty();
            }
        }
        List<String> providers = service.capacityProviders();
        if (providers.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(FARGATE_PROVIDERS.containsAll(providers) ? LaunchType.FARGATE : LaunchType.EC2);
    }

    /**
     * Whether containers run Windows: the platform family a task or service reports (Fargate, any case), or
     * the task definition's runtimePlatform.operatingSystemFamily (WINDOWS_SERVER_...).
     */
    public static boolean isWindows(String platformFamily, Ecs.TaskDefinition taskDefinition) {
        return platformFamily != null && platformFamily.toLowerCase(Locale.ROOT).contains("windows")
                || taskDefinition.isWindows();
    }

    /**
     * Compares dotted versions part by part as numbers (1.10.0 is after 1.4.0; 1.56 equals 1.56.0). Empty when
     * either is not digits and dots (parts of at most nine digits).
     */
    public static OptionalInt compareVersions(String version, String other) {
        if (version == null || other == null || !DOTTED.matcher(version).matches()
                || !DOTTED.matcher(other).matches()) {
            return OptionalInt.empty();
        }
        String[] left = version.split("\\.");
        String[] right = other.split("\\.");
        for (int i = 0; i < Math.max(left.length, right.length); i++) {
            int order = Integer.compare(part(left, i), part(right, i));
            if (order != 0) {
                return OptionalInt.of(order);
            }
        }
        return OptionalInt.of(0);
    }

    private static int part(String[] parts, int index) {
        return index < parts.length ? Integer.parseInt(parts[index]) : 0;
    }
}
