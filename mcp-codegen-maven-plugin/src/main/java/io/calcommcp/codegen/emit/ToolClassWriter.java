package io.calcommcp.codegen.emit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import io.calcommcp.codegen.model.ArgumentDescriptor;
import io.calcommcp.codegen.model.ToolDescriptor;
import io.calcommcp.toolapi.Access;
import io.calcommcp.toolapi.ArgumentLocation;
import io.calcommcp.toolapi.Hint;
import io.calcommcp.toolapi.Paging;
import io.calcommcp.toolapi.Requirement;
import io.calcommcp.toolapi.Route;
import io.calcommcp.toolapi.RouteArgument;
import io.calcommcp.toolapi.ToolDefinition;
import io.calcommcp.toolapi.ValueKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.lang.model.element.Modifier;

/**
 * Emits one tool class. It reads top to bottom like a hand-written one: the tool's name, its
 * description, its input schema, the exact request it sends, and the definition the server
 * registers. Pure: returns the files, writes nothing.
 */
public final class ToolClassWriter {

    private static final ClassName ROUTE = ClassName.get(Route.class);
    private static final ClassName ROUTE_ARGUMENT = ClassName.get(RouteArgument.class);
    private static final ClassName VALUE_KIND = ClassName.get(ValueKind.class);
    private static final ClassName HINT = ClassName.get(Hint.class);
    private static final Set<String> ROUTE_FACTORIES = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");

    private final String packageName;
    private final String fileComment;

    public ToolClassWriter(String packageName, String fileComment) {
        this.packageName = packageName;
        this.fileComment = fileComment;
    }

    /** The class name generated for a tool. */
    public ClassName classNameOf(ToolDescriptor tool) {
        return ClassName.get(packageName, JavaNames.className(tool.name()));
    }

    /** The tool's class (one file: every schema is a constant of it, however large). */
    public List<GeneratedFile> write(ToolDescriptor tool) {
        ClassName self = classNameOf(tool);
        FieldSpec inputSchema = schemaField("INPUT_SCHEMA", tool.inputSchema());
        FieldSpec advertisedSchema =
                schemaField("ADVERTISED_SCHEMA", tool.advertised().inputSchema());
        TypeSpec type = TypeSpec.classBuilder(self)
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addJavadoc(classJavadoc(tool))
                .addField(FieldSpec.builder(String.class, "NAME", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                        .initializer("$S", tool.name())
                        .build())
                .addField(constant(
                        String.class, "DESCRIPTION", CodeBlock.of("$>$>$L$<$<", JavaText.wrapped(tool.description()))))
                .addField(inputSchema)
                .addField(constant(
                        String.class,
                        "ADVERTISED_DESCRIPTION",
                        CodeBlock.of(
                                "$>$>$L$<$<", JavaText.wrapped(tool.advertised().description()))))
                .addField(FieldSpec.builder(String.class, "ADVERTISED_SCHEMA", Modifier.STATIC, Modifier.FINAL)
                        .addJavadoc("What tools/list shows: never stricter than $L, shorter to read.\n", "INPUT_SCHEMA")
                        .initializer(
                                "$>$>$L$<$<",
                                JavaText.literal(
                                        JsonText.pretty(tool.advertised().inputSchema())))
                        .build())
                .addField(constant(ROUTE, "ROUTE", route(tool)))
                .addField(FieldSpec.builder(
                                ToolDefinition.class, "DEFINITION", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                        .initializer(definition(tool))
                        .build())
                .addMethod(MethodSpec.constructorBuilder()
                        .addModifiers(Modifier.PRIVATE)
                        .build())
                .build();
        JavaFile.Builder file = GeneratedFile.javaFile(packageName, type, fileComment);
        staticImports(tool, file);
        return List.of(GeneratedFile.of(packageName, type, file));
    }

    /**
     * A schema constant: a text block, or, when the schema is too large for a class-file constant
     * (64 KB), text blocks joined when the class is initialized. (A resource beside the class was
     * read through the class loader's URL machinery, about 10 ms per schema of a one-CPU start.)
     */
    private static FieldSpec schemaField(String name, ObjectNode schema) {
        String json = JsonText.pretty(schema);
        if (JavaText.fitsConstant(json)) {
            return constant(String.class, name, CodeBlock.of("$>$>$L$<$<", JavaText.literal(json)));
        }
        return FieldSpec.builder(String.class, name, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc("Larger than a class-file constant can hold (64 KB), so joined from parts.\n")
                .initializer("$>$>$L$<$<", JavaText.parts(json))
                .build();
    }

    private static FieldSpec constant(Class<?> type, String name, CodeBlock initializer) {
        return FieldSpec.builder(type, name, Modifier.STATIC, Modifier.FINAL)
                .initializer(initializer)
                .build();
    }

    private static FieldSpec constant(ClassName type, String name, CodeBlock initializer) {
        return FieldSpec.builder(type, name, Modifier.STATIC, Modifier.FINAL)
                .initializer(initializer)
                .build();
    }

    private static CodeBlock classJavadoc(ToolDescriptor tool) {
        CodeBlock.Builder doc = CodeBlock.builder()
                .add("Tool {@code $L}: $L\n", tool.name(), JavaNames.javadoc(tool.title()))
                .add(
                        "\n<p>Sends {@code $L $L} (operation {@code $L}). Access: $L; tags: $L.\n",
                        tool.method(),
                        JavaNames.javadoc(tool.path()),
                        tool.operationId(),
                        tool.access().label(),
                        String.join(", ", tool.tags()));
        return doc.build();
    }

    private static CodeBlock route(ToolDescriptor tool) {
        CodeBlock.Builder code = CodeBlock.builder();
        if (ROUTE_FACTORIES.contains(tool.method())) {
            code.add("$T.$L($S)", ROUTE, tool.method().toLowerCase(Locale.ROOT), tool.path());
        } else {
            code.add("$T.of($S, $S)", ROUTE, tool.method(), tool.path());
        }
        code.add("$>$>");
        for (Map.Entry<String, String> header : tool.constantHeaders().entrySet()) {
            code.add("\n.header($S, $S)", header.getKey(), header.getValue());
        }
        List<ArgumentDescriptor> routed = routeArguments(tool);
        if (!routed.isEmpty()) {
            code.add("\n.arguments(");
            String separator = "";
            for (ArgumentDescriptor argument : routed) {
                code.add("$L\n$>$>$L$<$<", separator, argument(argument));
                separator = ",";
            }
            code.add(")");
        }
        tool.paging().ifPresent(p -> code.add("\n.paging($L)", paging(p.paging())));
        if (tool.sendsForm()) {
            code.add("\n.asForm()");
        }
        return code.add("$<$<").build();
    }

    /**
     * What the route sends: the model's arguments, except the paging ones, which the server turns
     * into the API's own paging parameters; those follow at the end.
     */
    private static List<ArgumentDescriptor> routeArguments(ToolDescriptor tool) {
        List<ArgumentDescriptor> routed = new ArrayList<>();
        for (ArgumentDescriptor a : tool.arguments()) {
            if (a.location() != ArgumentLocation.PAGING) {
                routed.add(a);
            }
        }
        tool.paging().ifPresent(p -> {
            routed.add(p.limitParameter());
            routed.add(p.offsetParameter());
        });
        return routed;
    }

    /** {@code Paging.offset("take", "skip").records("/data").hasMore(...).limits(100, 250)}. */
    private static CodeBlock paging(Paging paging) {
        CodeBlock.Builder code = CodeBlock.builder()
                .add("$T.offset($S, $S)", Paging.class, paging.limitParameter(), paging.offsetParameter());
        if (!paging.recordsPointer().isEmpty()) {
            code.add("\n$>$>.records($S)$<$<", paging.recordsPointer());
        }
        paging.hasMorePointer().ifPresent(p -> code.add("\n$>$>.hasMore($S)$<$<", p));
        return code.add("\n$>$>.limits($L, $L)$<$<", paging.defaultLimit(), paging.maxLimit())
                .build();
    }

    /** {@code body("start", TIMESTAMP, REQUIRED)}: the factory, then only what differs from it. */
    private static CodeBlock argument(ArgumentDescriptor a) {
        CodeBlock.Builder code = CodeBlock.builder().add("$L($S", factory(a.location()), a.name());
        if (hasKind(a)) {
            code.add(", $L", a.kind().name());
        }
        if (saysRequired(a)) {
            code.add(", $L", Requirement.REQUIRED.name());
        }
        code.add(")");
        if (!a.wireName().equals(a.name()) && a.location() != ArgumentLocation.WHOLE_BODY) {
            code.add(".wireName($S)", a.wireName());
        }
        // Only query arrays are ever joined; OpenAPI's explode means nothing elsewhere here.
        if (!a.explode() && a.location() == ArgumentLocation.QUERY) {
            code.add(".commaJoined()");
        }
        for (Map.Entry<String, ValueKind> nested : a.nestedKinds().entrySet()) {
            code.add(
                    "\n$>$>.nested($S, $L)$<$<",
                    nested.getKey(),
                    nested.getValue().name());
        }
        return code.build();
    }

    /** Path arguments are always required, so only the others say it. */
    private static boolean saysRequired(ArgumentDescriptor a) {
        return a.required() && a.location() != ArgumentLocation.PATH;
    }

    /** Whether the argument's factory names its kind; a whole body is an object, never a string. */
    private static boolean hasKind(ArgumentDescriptor a) {
        return a.kind() != ValueKind.PLAIN && a.location() != ArgumentLocation.WHOLE_BODY;
    }

    private static String factory(ArgumentLocation location) {
        return switch (location) {
            case PATH -> "path";
            case QUERY -> "query";
            case HEADER -> "header";
            case BODY_PROPERTY -> "body";
            case WHOLE_BODY -> "wholeBody";
            case PAGING -> throw new IllegalArgumentException("paging arguments are not route arguments");
        };
    }

    private static CodeBlock definition(ToolDescriptor tool) {
        CodeBlock.Builder code = CodeBlock.builder()
                .add("$T.builder(NAME)$>$>", ToolDefinition.class)
                .add("\n.title($S)", tool.title())
                .add("\n.description(DESCRIPTION)")
                .add("\n.operation($S)", tool.operationId())
                .add("\n.verb($S)", tool.verb())
                .add("\n.access($T.$L)", Access.class, tool.access().name())
                .add(
                        "\n.tags($L)",
                        tool.tags().stream().map(t -> CodeBlock.of("$S", t)).collect(CodeBlock.joining(", ")));
        List<String> hints = tool.hints().set().stream().map(Hint::name).toList();
        if (!hints.isEmpty()) {
            code.add("\n.hints($L)", String.join(", ", hints));
        }
        return code.add("\n.inputSchema(INPUT_SCHEMA)")
                .add("\n.route(ROUTE)")
                .add(
                        "\n.advertised(ADVERTISED_DESCRIPTION, ADVERTISED_SCHEMA, $L)",
                        tool.advertised().tokens())
                .add("\n.build()$<$<")
                .build();
    }

    /** Static imports for the factories and constants the class uses, so the route reads as prose. */
    private static void staticImports(ToolDescriptor tool, JavaFile.Builder file) {
        TreeSet<String> factories = new TreeSet<>();
        TreeSet<String> kinds = new TreeSet<>();
        boolean required = false;
        for (ArgumentDescriptor a : routeArguments(tool)) {
            factories.add(factory(a.location()));
            required |= saysRequired(a);
            if (hasKind(a)) {
                kinds.add(a.kind().name());
            }
            a.nestedKinds().values().forEach(k -> kinds.add(k.name()));
        }
        if (!factories.isEmpty()) {
            file.addStaticImport(ROUTE_ARGUMENT, factories.toArray(String[]::new));
        }
        if (!kinds.isEmpty()) {
            file.addStaticImport(VALUE_KIND, kinds.toArray(String[]::new));
        }
        if (required) {
            file.addStaticImport(ClassName.get(Requirement.class), Requirement.REQUIRED.name());
        }
        List<String> hints = tool.hints().set().stream().map(Hint::name).toList();
        if (!hints.isEmpty()) {
            file.addStaticImport(HINT, hints.toArray(String[]::new));
        }
    }
}
