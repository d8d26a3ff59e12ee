package io.calcommcp.codegen.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeSpec;
import io.calcommcp.codegen.model.ToolDescriptor;
import io.calcommcp.toolapi.ToolCatalog;
import io.calcommcp.toolapi.ToolDefinition;
import io.calcommcp.toolapi.VendorProfile;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Emits the package's {@link ToolCatalog}: every tool in name order and the API's profile, and the
 * {@link java.util.ServiceLoader} file through which a server finds it. Pure.
 */
public final class CatalogWriter {

    /** The service file that names the catalog class. */
    public static final String SERVICE_FILE = "META-INF/services/" + ToolCatalog.class.getName();

    private final String packageName;
    private final String fileComment;

    public CatalogWriter(String packageName, String fileComment) {
        this.packageName = packageName;
        this.fileComment = fileComment;
    }

    /** {@code CalcomToolCatalog} for vendor {@code calcom}. */
    public static String className(String vendor) {
        return JavaNames.className(vendor) + "ToolCatalog";
    }

    /**
     * @param tools the tools, already sorted by name
     * @param profile the class holding the profile (see {@link ProfileWriter})
     */
    public List<GeneratedFile> write(
            String vendor, List<ToolDescriptor> tools, ToolClassWriter classes, ClassName profile) {
        ClassName self = ClassName.get(packageName, className(vendor));
        ParameterizedTypeName listOfDefinitions =
                ParameterizedTypeName.get(ClassName.get(List.class), ClassName.get(ToolDefinition.class));
        CodeBlock.Builder all = CodeBlock.builder().add("$T.of(", List.class);
        String separator = "";
        for (ToolDescriptor tool : tools) {
            all.add("$L\n$>$>$T.DEFINITION$<$<", separator, classes.classNameOf(tool));
            separator = ",";
        }
        all.add(")");
        TypeSpec type = TypeSpec.classBuilder(self)
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addSuperinterface(ToolCatalog.class)
                .addJavadoc(
                        "Every generated tool, sorted by name ($L tools), and the profile of the API they call.\n",
                        tools.size())
                .addField(
                        FieldSpec.builder(listOfDefinitions, "TOOLS", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                                .initializer(all.build())
                                .build())
                .addMethod(MethodSpec.methodBuilder("profile")
                        .addAnnotation(Override.class)
                        .addModifiers(Modifier.PUBLIC)
                        .returns(VendorProfile.class)
                        .addStatement("return $T.PROFILE", profile)
                        .build())
                .addMethod(MethodSpec.methodBuilder("tools")
                        .addAnnotation(Override.class)
                        .addModifiers(Modifier.PUBLIC)
                        .returns(listOfDefinitions)
                        .addStatement("return TOOLS")
                        .build())
                .build();
        return List.of(
                GeneratedFile.java(packageName, type, fileComment),
                new GeneratedFile(SERVICE_FILE, self.canonicalName() + "\n"));
    }
}
