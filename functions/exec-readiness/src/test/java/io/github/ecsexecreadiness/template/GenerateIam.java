package io.github.ecsexecreadiness.template;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes the IAM of template.yaml and member-role.yaml, and the README's permission list, from the declarations
 * ({@code bin/generate-iam}; GeneratedIamTest fails until the files are what this writes).
 */
public final class GenerateIam {
    private GenerateIam() {}

    /** @param args the repository root (default: two folders above the working directory, the module) */
    public static void main(String[] args) throws IOException {
        Path root = args.length > 0 ? Path.of(args[0]) : Path.of("").toAbsolutePath().getParent().getParent();
        for (var file : generated(root).entrySet()) {
            Path path = root.resolve(file.getKey());
            boolean changed = !Files.readString(path).equals(file.getValue());
            if (changed) {
                Files.writeString(path, file.getValue());
            }
            System.out.println(file.getKey() + (changed ? ": written" : ": unchanged"));
        }
    }

    /** Each file's text as the declarations make it, by its path from the repository root. */
    static Map<String, String> generated(Path root) throws IOException {
        IamPolicies policies = IamPolicies.declared();
        Map<String, String> files = new LinkedHashMap<>();
        for (IamPolicies.Stack stack : IamPolicies.STACKS) {
            files.put(stack.file(), policies.template(stack, Files.readString(root.resolve(stack.file()))));
        }
        files.put(IamPolicies.README, policies.readme(Files.readString(root.resolve(IamPolicies.README))));
        return files;
    }
}
