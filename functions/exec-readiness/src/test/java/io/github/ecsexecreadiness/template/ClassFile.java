package io.github.ecsexecreadiness.template;

import io.github.ecsexecreadiness.iam.CallsAws;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a compiled class refers to, read from its constant pool (JVMS 4.4): every method it calls, whether directly,
 * in a lambda or as a method reference, is there as a Methodref or InterfaceMethodref. From these it tells the AWS
 * operations the class calls through the SDK's service clients (a client method returning {@code <Op>Response}
 * or a paginator {@code <Op>Iterable}), and whether it carries {@link CallsAws} declarations.
 */
record ClassFile(Set<String> sdkOperations, Set<String> unknownSdkCallers, boolean declaresCalls) {
    private static final Pattern CLIENT = Pattern.compile("software/amazon/awssdk/services/(\\w+)/\\w+Client");
    /** The return type in a method descriptor: the operation's response, or its paginator. */
    private static final Pattern RESULT = Pattern.compile(
            ".*\\)Lsoftware/amazon/awssdk/services/\\w+/(?:model/(\\w+)Response|paginators/(\\w+)Iterable);");
    /** SDK classes outside the clients that send requests themselves: waiters, batch managers, credentials. */
    private static final Pattern OWN_CALLER = Pattern.compile(
            "software/amazon/awssdk/services/\\w+/(?:auth|waiters|batchmanager)/[\\w/]+");
    /** The operations each known one calls (the base class of STS's providers, what its subclass does). */
    private static final Map<String, List<String>> CALLERS = Map.of(
            "software/amazon/awssdk/services/sts/auth/StsAssumeRoleCredentialsProvider", List.of("sts.AssumeRole"),
            "software/amazon/awssdk/services/sts/auth/StsCredentialsProvider", List.of());
    private static final Set<String> DECLARATION_TYPES = Set.of(descriptor(CallsAws.class),
            descriptor(CallsAws.All.class));

    private static final int UTF8 = 1;
    private static final int CLASS = 7;
    private static final int METHOD_REF = 10;
    private static final int INTERFACE_METHOD_REF = 11;
    private static final int NAME_AND_TYPE = 12;

    static ClassFile read(Path file) {
        try {
            return read(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ClassFile read(byte[] bytes) {
        try (var in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            if (in.readInt() != 0xCAFEBABE) {
                throw new IOException("not a class file");
            }
            in.readUnsignedShort(); // minor version
            in.readUnsignedShort(); // major version
            int count = in.readUnsignedShort();
            String[] utf8 = new String[count];
            int[] first = new int[count];
            int[] second = new int[count];
            int[] tags = new int[count];
            for (int i = 1; i < count; i++) {
                int tag = in.readUnsignedByte();
                tags[i] = tag;
                switch (tag) {
                    case UTF8 -> utf8[i] = in.readUTF(); // the class file's modified UTF-8, as readUTF reads it
                    case 3, 4 -> in.readInt(); // Integer, Float
                    case 5, 6 -> { // Long, Double: two slots
                        in.readLong();
                        i++;
                    }
                    // Class, String, MethodType, Module, Package
                    case CLASS, 8, 16, 19, 20 -> first[i] = in.readUnsignedShort();
                    // Fieldref, Methodref, InterfaceMethodref, NameAndType, Dynamic, InvokeDynamic
                    case 9, METHOD_REF, INTERFACE_METHOD_REF, NAME_AND_TYPE, 17, 18 -> {
                        first[i] = in.readUnsignedShort();
                        second[i] = in.readUnsignedShort();
                    }
                    case 15 -> { // MethodHandle: kind, then a ref already in the pool
                        in.readUnsignedByte();
                        in.readUnsignedShort();
                    }
                    default -> throw new IOException("unknown constant pool tag " + tag + " at " + i);
                }
            }
            Set<String> operations = new TreeSet<>();
            Set<String> unknown = new TreeSet<>();
            boolean declares = false;
            for (int i = 1; i < count; i++) {
                if (tags[i] == METHOD_REF || tags[i] == INTERFACE_METHOD_REF) {
                    String owner = utf8[first[first[i]]];
                    String descriptor = utf8[second[second[i]]];
                    Matcher client = CLIENT.matcher(owner);
                    Matcher result = RESULT.matcher(descriptor);
                    if (client.matches() && result.matches()) {
                        String operation = result.group(1) != null ? result.group(1) : result.group(2);
                        operations.add(client.group(1) + "." + operation);
                    }
                } else if (tags[i] == CLASS) {
                    String name = utf8[first[i]].replaceFirst("\\$.*", "");
                    if (OWN_CALLER.matcher(name).matches()) {
                        if (CALLERS.containsKey(name)) {
                            operations.addAll(CALLERS.get(name));
                        } else {
                            unknown.add(name);
                        }
                    }
                } else if (tags[i] == UTF8 && DECLARATION_TYPES.contains(utf8[i])) {
                    declares = true;
                }
            }
            return new ClassFile(operations, unknown, declares);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** "ECS.DescribeServices" as the scan names it: "ecs.DescribeServices", the service as the SDK's package. */
    static String sdkName(String operation) {
        int dot = operation.indexOf('.');
        return operation.substring(0, dot).toLowerCase(Locale.ROOT) + operation.substring(dot);
    }

    private static String descriptor(Class<?> type) {
        return "L" + type.getName().replace('.', '/') + ";";
    }
}
