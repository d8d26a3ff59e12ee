package io.calcommcp.codegen.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import io.calcommcp.codegen.model.ArgumentDescriptor;
import io.calcommcp.codegen.model.ToolDescriptor;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Modifier;

/**
 * Emits one tool class. It reads top to bottom like a hand-written one: the tool's name, its
 * description, its input schema, then the exact request it sends. Pure: returns source text.
 */
public final class ToolClassWriter {

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

    public GeneratedFile write(ToolDescriptor tool) {
        ClassName self = classNameOf(tool);
        ClassName definition = support("ToolDefinition");
        TypeSpec type = TypeSpec.classBuilder(self)
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addJavadoc(classJavadoc(tool))
                .addField(constant(String.class, "NAME", CodeBlock.of("$S", tool.name()), "The MCP tool name."))
                .addField(
                        constant(String.class, "TITLE", CodeBlock.of("$S", tool.title()), "A short title for people."))
                .addField(constant(
                        String.class, "DESCRIPTION", CodeBlock.of("$S", tool.description()), "What the model reads."))
                .addField(constant(
                        String.class,
                        "INPUT_SCHEMA",
                        schemaLiteral(tool),
                        "JSON Schema of the flat arguments: path, query and body fields side by side."))
                .addField(constant(support("Route"), "ROUTE", route(tool), "The request this tool sends."))
                .addField(constant(definition, "DEFINITION", definition(tool), "The tool, as the server registers it."))
                .addMethod(MethodSpec.constructorBuilder()
                        .addModifiers(Modifier.PRIVATE)
                        .build())
                .build();
        return GeneratedFile.java(packageName, type, fileComment);
    }

    private static FieldSpec constant(Class<?> type, String name, CodeBlock initializer, String doc) {
        return FieldSpec.builder(type, name, Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc("$L\n", doc)
                .initializer(initializer)
                .build();
    }

    private static FieldSpec constant(ClassName type, String name, CodeBlock initializer, String doc) {
        return FieldSpec.builder(type, name, Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc("$L\n", doc)
                .initializer(initializer)
                .build();
    }

    private static CodeBlock classJavadoc(ToolDescriptor tool) {
        CodeBlock.Builder doc = CodeBlock.builder()
                .add("Tool {@code $L}: $L\n", tool.name(), JavaNames.javadoc(tool.title()))
                .add(
                        "\n<p>Sends {@code $L $L} (operation {@code $L})",
                        tool.method(),
                        JavaNames.javadoc(tool.path()),
                        tool.operationId());
        if (!tool.constantHeaders().isEmpty()) {
            doc.add(" with");
            String separator = " ";
            for (Map.Entry<String, String> header : tool.constantHeaders().entrySet()) {
                doc.add("$Lheader {@code $L: $L}", separator, header.getKey(), JavaNames.javadoc(header.getValue()));
                separator = ", ";
            }
        }
        doc.add(". Access: $L; tags: $L.\n", tool.access().lowerCase(), String.join(", ", tool.tags()));
        if (!tool.arguments().isEmpty()) {
            doc.add("\n<ul>\n");
            for (ArgumentDescriptor a : tool.arguments()) {
                doc.add(
                        "  <li>{@code $L}$L: $L {@code $L}$L\n",
                        a.name(),
                        a.required() ? " (required)" : "",
                        where(a),
                        a.wireName(),
                        a.kind().name().equals("PLAIN") ? "" : ", " + a.kind().ruleName());
            }
            doc.add("</ul>\n");
        }
        return doc.build();
    }

    private static String where(ArgumentDescriptor a) {
        return switch (a.location()) {
            case PATH -> "path segment";
            case QUERY -> "query parameter";
            case HEADER -> "header";
            case BODY_PROPERTY -> "body property";
            case BODY -> "whole body";
        };
    }

    /** One JSON line per Java line, so a schema reads naturally and diffs line by line. */
    private static CodeBlock schemaLiteral(ToolDescriptor tool) {
        List<String> lines = JsonText.pretty(tool.inputSchema()).lines().toList();
        CodeBlock.Builder code = CodeBlock.builder().add("$T.join(\n$>$>$S", String.class, "\n");
        for (String line : lines) {
            code.add(",\n$S", line);
        }
        return code.add(")$<$<").build();
    }

    private CodeBlock route(ToolDescriptor tool) {
        CodeBlock headers;
        if (tool.constantHeaders().isEmpty()) {
            headers = CodeBlock.of("$T.of()", Map.class);
        } else {
            CodeBlock.Builder h = CodeBlock.builder().add("$T.of(", Map.class);
            String separator = "";
            for (Map.Entry<String, String> header : tool.constantHeaders().entrySet()) {
                h.add("$L$S, $S", separator, header.getKey(), header.getValue());
                separator = ", ";
            }
            headers = h.add(")").build();
        }
        CodeBlock.Builder arguments = CodeBlock.builder().add("$T.of(", List.class);
        String separator = "";
        for (ArgumentDescriptor a : tool.arguments()) {
            arguments.add(
                    "$L\n$>new $T($S, $T.$L, $S, $T.$L, $L, $L)$<",
                    separator,
                    support("RouteArgument"),
                    a.name(),
                    support("ArgumentLocation"),
                    a.location().name(),
                    a.wireName(),
                    support("ValueKind"),
                    a.kind().name(),
                    a.required(),
                    a.explode());
            separator = ",";
        }
        arguments.add(")");
        return CodeBlock.builder()
                .add(
                        "new $T(\n$>$>$S,\n$S,\n$L,\n$L)$<$<",
                        support("Route"),
                        tool.method(),
                        tool.path(),
                        headers,
                        arguments.build())
                .build();
    }

    private CodeBlock definition(ToolDescriptor tool) {
        CodeBlock tags = CodeBlock.of(
                "$T.of($L)",
                List.class,
                tool.tags().stream().map(t -> CodeBlock.of("$S", t)).collect(CodeBlock.joining(", ")));
        return CodeBlock.builder()
                .add(
                        "new $T(\n$>$>NAME,\nTITLE,\nDESCRIPTION,\n$S,\n$T.$L,\n$L,\nnew $T($L, $L, $L, $L),\nINPUT_SCHEMA,\nROUTE)$<$<",
                        support("ToolDefinition"),
                        tool.operationId(),
                        support("ToolAccess"),
                        tool.access().name(),
                        tags,
                        support("ToolHints"),
                        tool.hints().readOnly(),
                        tool.hints().destructive(),
                        tool.hints().idempotent(),
                        tool.hints().openWorld())
                .build();
    }

    private ClassName support(String simpleName) {
        return ClassName.get(packageName, simpleName);
    }
}
