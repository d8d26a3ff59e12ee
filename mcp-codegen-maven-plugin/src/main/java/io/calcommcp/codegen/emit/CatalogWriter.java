package io.calcommcp.codegen.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeSpec;
import io.calcommcp.codegen.model.ToolDescriptor;
import java.util.List;
import javax.lang.model.element.Modifier;

/** Emits {@code ToolCatalog}, the list of every generated tool in name order. Pure. */
public final class CatalogWriter {

    public static final String CLASS_NAME = "ToolCatalog";

    private final String packageName;
    private final String fileComment;

    public CatalogWriter(String packageName, String fileComment) {
        this.packageName = packageName;
        this.fileComment = fileComment;
    }

    /** @param tools the tools, already sorted by name */
    public GeneratedFile write(List<ToolDescriptor> tools, ToolClassWriter classes) {
        ClassName definition = ClassName.get(packageName, "ToolDefinition");
        ParameterizedTypeName listOfDefinitions = ParameterizedTypeName.get(ClassName.get(List.class), definition);
        CodeBlock.Builder all = CodeBlock.builder().add("$T.of(", List.class);
        String separator = "";
        for (ToolDescriptor tool : tools) {
            all.add("$L\n$>$>$T.DEFINITION$<$<", separator, classes.classNameOf(tool));
            separator = ",";
        }
        all.add(")");
        TypeSpec type = TypeSpec.classBuilder(CLASS_NAME)
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addJavadoc("Every generated tool, sorted by name ($L tools).\n", tools.size())
                .addField(
                        FieldSpec.builder(listOfDefinitions, "TOOLS", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                                .initializer(all.build())
                                .build())
                .addMethod(MethodSpec.constructorBuilder()
                        .addModifiers(Modifier.PRIVATE)
                        .build())
                .addMethod(MethodSpec.methodBuilder("all")
                        .addJavadoc("Every tool, sorted by name.\n")
                        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                        .returns(listOfDefinitions)
                        .addStatement("return TOOLS")
                        .build())
                .build();
        return GeneratedFile.java(packageName, type, fileComment);
    }
}
