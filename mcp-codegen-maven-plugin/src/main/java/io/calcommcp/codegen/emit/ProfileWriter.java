package io.calcommcp.codegen.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import io.calcommcp.toolapi.CredentialScheme;
import io.calcommcp.toolapi.SearchProfile;
import io.calcommcp.toolapi.SearchSource;
import io.calcommcp.toolapi.VendorProfile;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Emits the vendor profile: what the server's engine needs to know about the API, from the rules'
 * {@code server:} block (and its {@code search:} section, as a {@code SEARCH} field the profile
 * names). Pure.
 */
public final class ProfileWriter {

    private final String packageName;
    private final String fileComment;

    public ProfileWriter(String packageName, String fileComment) {
        this.packageName = packageName;
        this.fileComment = fileComment;
    }

    /** {@code CalcomProfile} for vendor {@code calcom}. */
    public static String className(String vendor) {
        return JavaNames.className(vendor) + "Profile";
    }

    /** The class name the profile is emitted as. */
    public ClassName classNameOf(String vendor) {
        return ClassName.get(packageName, className(vendor));
    }

    public GeneratedFile write(String vendor, VendorProfile profile, String rulesName) {
        ClassName self = classNameOf(vendor);
        CodeBlock.Builder build = CodeBlock.builder()
                .add("$T.builder($S)$>$>", VendorProfile.class, profile.displayName())
                .add("\n.toolWord($S)", profile.toolWord())
                .add("\n.serverName($S)", profile.serverName())
                .add("\n.environmentPrefix($S)", profile.environmentPrefix())
                .add("\n.defaultBaseUrl($S)", profile.defaultBaseUrl())
                .add("\n.credential($L)", credential(profile.credential()));
        if (!profile.credentialHelp().isEmpty()) {
            build.add("\n.credentialHelp($S)", profile.credentialHelp());
        }
        build.add("\n.errorMessages($L)", strings(profile.errorMessagePointers()))
                .add("\n.errorCodes($L)", strings(profile.errorCodePointers()))
                .add("\n.errorDetails($L)", strings(profile.errorDetailsPointers()))
                .add("\n.rateLimitHeaders($L)", strings(profile.rateLimitHeaderPrefixes()));
        profile.recordsPointer().ifPresent(pointer -> build.add("\n.records($S)", pointer));
        profile.keyCheckTool().ifPresent(tool -> build.add("\n.keyCheck($S)", tool));
        if (!profile.search().isEmpty()) {
            build.add("\n.search(SEARCH)");
        }
        build.add("\n.instructions(INSTRUCTIONS)").add("\n.build()$<$<");
        TypeSpec.Builder type = TypeSpec.classBuilder(self)
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addJavadoc(
                        "How the server talks to $L, from the {@code server:} block of $L.\n",
                        JavaNames.javadoc(profile.displayName()),
                        JavaNames.javadoc(rulesName))
                .addField(FieldSpec.builder(String.class, "INSTRUCTIONS", Modifier.STATIC, Modifier.FINAL)
                        .initializer("$>$>$L$<$<", JavaText.literal(profile.instructions()))
                        .build());
        if (!profile.search().isEmpty()) {
            type.addField(FieldSpec.builder(SearchProfile.class, "SEARCH", Modifier.STATIC, Modifier.FINAL)
                    .addJavadoc("What the server's search and fetch tools search, from the {@code search:} section.\n")
                    .initializer(search(profile.search()))
                    .build());
        }
        type.addField(FieldSpec.builder(
                                VendorProfile.class, "PROFILE", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                        .initializer(build.build())
                        .build())
                .addMethod(MethodSpec.constructorBuilder()
                        .addModifiers(Modifier.PRIVATE)
                        .build());
        return GeneratedFile.java(packageName, type.build(), fileComment);
    }

    /** The search profile as named builder calls, one source after the other. */
    private static CodeBlock search(SearchProfile search) {
        CodeBlock.Builder code = CodeBlock.builder()
                .add("$T.builder()$>$>", SearchProfile.class)
                .add("\n.maxResults($L)", search.maxResults());
        for (SearchSource source : search.sources()) {
            code.add("\n.source($L)", source(source));
        }
        return code.add("\n.build()$<$<").build();
    }

    private static CodeBlock source(SearchSource source) {
        CodeBlock.Builder code = CodeBlock.builder()
                .add("$T.builder($S)$>$>", SearchSource.class, source.name())
                .add("\n.label($S)", source.label())
                .add("\n.list($S)", source.listTool());
        source.listArguments().forEach((name, value) -> code.add("\n.listArgument($S, $S)", name, value));
        if (!source.recordsPointer().isEmpty()) {
            code.add("\n.records($S)", source.recordsPointer());
        }
        code.add("\n.get($S)", source.getTool()).add("\n.getArgument($S)", source.getArgument());
        if (!source.recordPointer().isEmpty()) {
            code.add("\n.record($S)", source.recordPointer());
        }
        code.add("\n.id($S)", source.idPointer()).add("\n.title($S)", source.titlePointer());
        code.add("\n.text($L)", onePerLine(source.textPointers()));
        source.metadataPointers().forEach((key, pointer) -> code.add("\n.metadata($S, $S)", key, pointer));
        source.newestFirstPointer().ifPresent(pointer -> code.add("\n.newestFirst($S)", pointer));
        code.add("\n.url($S)", source.url().text());
        return code.add("\n.build()$<$<").build();
    }

    /** Strings as arguments: on one line if there are two at most, else one per line. */
    private static CodeBlock onePerLine(List<String> values) {
        if (values.size() <= 2) {
            return strings(values);
        }
        CodeBlock.Builder code = CodeBlock.builder().add("$>$>");
        for (int i = 0; i < values.size(); i++) {
            code.add("\n$S$L", values.get(i), i + 1 < values.size() ? "," : "");
        }
        return code.add("$<$<").build();
    }

    private static CodeBlock credential(CredentialScheme scheme) {
        if (scheme.equals(CredentialScheme.bearer())) {
            return CodeBlock.of("$T.bearer()", CredentialScheme.class);
        }
        if (scheme.equals(CredentialScheme.basic())) {
            return CodeBlock.of("$T.basic()", CredentialScheme.class);
        }
        if (scheme.inQuery()) {
            return CodeBlock.of("$T.query($S)", CredentialScheme.class, scheme.header());
        }
        if (scheme.prefix().isEmpty()) {
            return CodeBlock.of("$T.header($S)", CredentialScheme.class, scheme.header());
        }
        return CodeBlock.of("new $T($S, $S)", CredentialScheme.class, scheme.header(), scheme.prefix());
    }

    private static CodeBlock strings(List<String> values) {
        return values.stream().map(v -> CodeBlock.of("$S", v)).collect(CodeBlock.joining(", "));
    }
}
