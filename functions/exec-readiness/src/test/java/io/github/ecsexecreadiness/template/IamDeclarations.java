package io.github.ecsexecreadiness.template;

import io.github.ecsexecreadiness.iam.CallsAws;
import io.github.ecsexecreadiness.iam.PolicyStatement;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The {@link CallsAws} declarations of the compiled classes, and the AWS operations each class really calls
 * through the SDK (read from its class files, see {@link ClassFile}). A class and its nested classes form one
 * unit: the operations they call must be exactly those declared on them and on their supertypes.
 */
final class IamDeclarations {
    /** One declaration, on {@code owner.method}. */
    record Declaration(Class<?> owner, String method, String operation, String action,
                       List<PolicyStatement> statements) {
        @Override
        public String toString() {
            return owner.getSimpleName() + "." + method + ": " + operation + " -> " + action;
        }
    }

    /** A top-level class (or one chosen nested class) with its nested classes: binary name to class file. */
    private record Unit(String name, Map<String, ClassFile> files) {
        Set<String> calls() {
            Set<String> calls = new TreeSet<>();
            files.values().forEach(file -> calls.addAll(file.sdkOperations()));
            return calls;
        }

        boolean declaresOrCalls() {
            return files.values().stream().anyMatch(f -> f.declaresCalls() || !f.sdkOperations().isEmpty()
                    || !f.unknownSdkCallers().isEmpty());
        }
    }

    private final List<Unit> units;

    private IamDeclarations(List<Unit> units) {
        this.units = units;
    }

    /** Every class of the module's main code (the directory {@link CallsAws} was loaded from). */
    static IamDeclarations ofMainClasses() {
        Path classes = classesDirectory(CallsAws.class);
        Map<String, Map<String, ClassFile>> byTopLevel = new TreeMap<>();
        try (Stream<Path> files = Files.walk(classes)) {
            files.filter(f -> f.toString().endsWith(".class")).sorted().forEach(file -> {
                String name = classes.relativize(file).toString().replace(file.getFileSystem().getSeparator(), ".")
                        .replaceFirst("\\.class$", "");
                byTopLevel.computeIfAbsent(name.replaceFirst("\\$.*", ""), k -> new TreeMap<>())
                        .put(name, ClassFile.read(file));
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new IamDeclarations(byTopLevel.entrySet().stream().map(e -> new Unit(e.getKey(), e.getValue()))
                .filter(Unit::declaresOrCalls).toList());
    }

    /** These classes alone, each with its nested classes (for tests of the scan itself). */
    static IamDeclarations of(Class<?>... types) {
        return new IamDeclarations(Arrays.stream(types).map(type -> {
            Path directory = classesDirectory(type).resolve(type.getPackageName().replace('.', '/'));
            String simple = type.getName().substring(type.getName().lastIndexOf('.') + 1);
            Map<String, ClassFile> files = new TreeMap<>();
            try (Stream<Path> list = Files.list(directory)) {
                list.filter(f -> {
                    String file = f.getFileName().toString();
                    return file.equals(simple + ".class") || file.startsWith(simple + "$");
                }).forEach(f -> files.put(type.getPackageName() + "." + f.getFileName().toString()
                        .replaceFirst("\\.class$", ""), ClassFile.read(f)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new Unit(type.getName(), files);
        }).toList());
    }

    /** Every declaration, each once (on the type that carries it), in class and method order. */
    List<Declaration> declarations() {
        Set<Declaration> all = new LinkedHashSet<>();
        units.forEach(unit -> unit.files().keySet().forEach(name -> all.addAll(declaredOn(load(name)))));
        return List.copyOf(all);
    }

    /** The declarations of one type (an interface such as {@code RemediationLedger}), its supertypes included. */
    static List<Declaration> declaredBy(Class<?> type) {
        List<Declaration> found = new ArrayList<>();
        supertypes(type).forEach(t -> found.addAll(declaredOn(t)));
        return found;
    }

    /** The operations each class calls through the SDK, by class name ("ecs.DescribeServices"). */
    Map<String, Set<String>> calls() {
        Map<String, Set<String>> calls = new TreeMap<>();
        units.forEach(unit -> {
            if (!unit.calls().isEmpty()) {
                calls.put(unit.name(), unit.calls());
            }
        });
        return calls;
    }

    /**
     * What breaks the rule: a class that calls an operation it does not declare, or declares one it does not call
     * (a class that calls no SDK operation, an in-memory implementation or one that speaks the protocol itself,
     * is not held to its interfaces' declarations), or uses an SDK class that calls AWS on its own.
     */
    List<String> violations() {
        List<String> violations = new ArrayList<>();
        for (Unit unit : units) {
            unit.files().values().forEach(file -> file.unknownSdkCallers().forEach(caller -> violations.add(
                    unit.name() + " uses " + caller + ", which calls AWS itself: teach ClassFile what it calls")));
            // The SDK's Java names change the case of acronyms (ListHostedZonesByVPC is ListHostedZonesByVpc).
            Set<String> called = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
            called.addAll(unit.calls());
            if (called.isEmpty()) {
                continue;
            }
            Set<String> declared = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
            unit.files().keySet().forEach(name -> declaredBy(load(name))
                    .forEach(d -> declared.add(ClassFile.sdkName(d.operation()))));
            called.stream().filter(op -> !declared.contains(op)).forEach(op -> violations.add(unit.name()
                    + " calls " + op + " without declaring it (@CallsAws on the method or its interface)"));
            declared.stream().filter(op -> !called.contains(op)).forEach(op -> violations.add(unit.name()
                    + " declares " + op + " but never calls it"));
        }
        return violations;
    }

    /** The actions of each statement, sorted, from every declaration naming it. */
    static Map<PolicyStatement, SortedSet<String>> actionsByStatement(List<Declaration> declarations) {
        Map<PolicyStatement, SortedSet<String>> actions = new EnumMap<>(PolicyStatement.class);
        declarations.forEach(d -> d.statements().forEach(s -> actions.computeIfAbsent(s, k -> new TreeSet<>())
                .add(d.action())));
        return actions;
    }

    /** The declared action, or the operation's own: "ECS.DescribeServices" is ecs:DescribeServices. */
    static String action(CallsAws declaration) {
        if (!declaration.action().isEmpty()) {
            return declaration.action();
        }
        String operation = declaration.operation();
        int dot = operation.indexOf('.');
        return operation.substring(0, dot).toLowerCase(Locale.ROOT) + ":" + operation.substring(dot + 1);
    }

    private static List<Declaration> declaredOn(Class<?> type) {
        List<Declaration> found = new ArrayList<>();
        Arrays.stream(type.getDeclaredMethods()).sorted((a, b) -> a.toString().compareTo(b.toString()))
                .forEach(method -> {
                    for (CallsAws d : method.getAnnotationsByType(CallsAws.class)) {
                        found.add(new Declaration(type, method.getName(), d.operation(), action(d),
                                List.of(d.statements())));
                    }
                });
        return found;
    }

    private static List<Class<?>> supertypes(Class<?> type) {
        Set<Class<?>> seen = new LinkedHashSet<>();
        Deque<Class<?>> next = new ArrayDeque<>(List.of(type));
        while (!next.isEmpty()) {
            Class<?> t = next.pop();
            if (seen.add(t)) {
                if (t.getSuperclass() != null) {
                    next.add(t.getSuperclass());
                }
                next.addAll(List.of(t.getInterfaces()));
            }
        }
        return List.copyOf(seen);
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, IamDeclarations.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path classesDirectory(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
