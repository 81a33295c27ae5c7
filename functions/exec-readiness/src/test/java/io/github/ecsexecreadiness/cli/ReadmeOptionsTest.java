package io.github.ecsexecreadiness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The README's option tables (section "Command line") are generated from the commands' own definitions: each sits
 * between {@code <!-- options: NAME -->} and {@code <!-- /options -->}, and this test fails when one differs.
 * {@code -Dreadme.update=true} rewrites them instead.
 */
class ReadmeOptionsTest {
    private static final Path README = Path.of("../../README.md");
    private static final Pattern SECTION = Pattern.compile("(?s)<!-- options: (\\S+) -->\\n(.*?)<!-- /options -->");

    @Test
    void optionTablesAreTheCommandsOwn() throws Exception {
        // sam build copies the module alone: there is no README beside it then.
        Assumptions.assumeTrue(Files.exists(README), "README.md is not beside this module (standalone build)");
        String readme = Files.readString(README);
        CommandLine root = Cli.commandLine();
        Matcher sections = SECTION.matcher(readme);
        List<String> documented = new ArrayList<>();
        StringBuilder updated = new StringBuilder();
        while (sections.find()) {
            String command = sections.group(1);
            documented.add(command);
            String expected = table(root.getSubcommands().get(command));
            sections.appendReplacement(updated, Matcher.quoteReplacement(
                    "<!-- options: " + command + " -->\n" + expected + "<!-- /options -->"));
            if (!Boolean.getBoolean("readme.update")) {
                assertEquals(expected, sections.group(2), "README options of " + command
                        + " (run this test with -Dreadme.update=true to regenerate them)");
            }
        }
        sections.appendTail(updated);
        if (Boolean.getBoolean("readme.update")) {
            Files.writeString(README, updated.toString());
        }
        List<String> commands = root.getSubcommands().keySet().stream()
                .filter(name -> !List.of("help", "completion").contains(name)).toList();
        assertEquals(commands, documented, "every command with options has its table, in the order of --help");
    }

    /** One row per option, as --help lists them, without -h/--help and the global --debug. */
    static String table(CommandLine command) {
        StringBuilder table = new StringBuilder("| option | meaning |\n|---|---|\n");
        for (OptionSpec option : command.getCommandSpec().options()) {
            if (option.usageHelp() || option.longestName().equals("--debug")) {
                continue;
            }
            String label = option.longestName() + (option.typeInfo().isBoolean() ? "" : " " + option.paramLabel());
            table.append("| `").append(label.replace("|", "\\|")).append("` | ")
                    .append(String.join(" ", option.description()).replace("|", "\\|")).append(" |\n");
        }
        return table.toString();
    }
}
