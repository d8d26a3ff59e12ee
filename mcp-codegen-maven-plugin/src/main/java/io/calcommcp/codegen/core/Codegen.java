package io.calcommcp.codegen.core;

import io.calcommcp.codegen.diagnostics.CodegenException;
import io.calcommcp.codegen.diagnostics.Diagnostic;
import io.calcommcp.codegen.diagnostics.Diagnostics;
import io.calcommcp.codegen.diagnostics.Location;
import io.calcommcp.codegen.emit.CatalogWriter;
import io.calcommcp.codegen.emit.ClassNameChecker;
import io.calcommcp.codegen.emit.GeneratedFile;
import io.calcommcp.codegen.emit.ProfileWriter;
import io.calcommcp.codegen.emit.SurfaceMarkdownWriter;
import io.calcommcp.codegen.emit.ToolClassWriter;
import io.calcommcp.codegen.model.Exposure;
import io.calcommcp.codegen.model.ToolDescriptor;
import io.calcommcp.codegen.model.ToolModel;
import io.calcommcp.codegen.model.ToolModelBuilder;
import io.calcommcp.codegen.rules.RulesParser;
import io.calcommcp.codegen.rules.TaggingRules;
import io.calcommcp.codegen.spec.LoadedSpec;
import io.calcommcp.codegen.spec.ResolvedSpec;
import io.calcommcp.codegen.spec.SpecLoader;
import io.calcommcp.codegen.spec.SpecResolver;
import io.calcommcp.codegen.spec.SpecSource;
import io.calcommcp.codegen.surface.SurfaceCandidate;
import io.calcommcp.codegen.surface.ToolSurface;
import io.calcommcp.codegen.write.InputDigest;
import io.calcommcp.codegen.write.OutputWriter;
import io.calcommcp.toolapi.CredentialScheme;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The generator, in one pass: find the spec -> read the inputs -> parse the rules -> parse the spec -> build the
 * tool model -> emit every file -> write them all at once. Inputs are read and checked completely
 * before anything is written. Besides the sources, the output holds the surface the {@code check}
 * goal compares with the lock, so that the check reads neither the spec nor the rules.
 */
public final class Codegen {

    private static final String PACKAGE_PATTERN = "[a-z_][a-z0-9_]*(\\.[a-z_][a-z0-9_]*)*";

    /** The inputs of a run, read and the rules parsed; the spec not yet. */
    private record Inputs(SpecSource spec, byte[] rulesBytes, TaggingRules rules, String instructions) {}

    /**
     * Generates the tool classes, or does nothing when the inputs have not changed. Either way the
     * result says which spec was used: the lock's recorded sha-256 finds it in the download cache.
     */
    public CodegenResult generate(CodegenRequest request) throws CodegenException {
        long started = System.nanoTime();
        checkPackage(request.packageName());
        Optional<String> lockedSha256 = request.lockFile().flatMap(ToolSurface::recordedSpecSha256);
        ResolvedSpec spec = new SpecResolver().resolve(request.spec().expecting(lockedSha256));
        Inputs inputs = read(spec.source(), request.rulesFile());
        String digest = InputDigest.of(List.of(
                inputs.spec().bytes(),
                // Generated headers name the spec: another name is another output.
                inputs.spec().displayName().getBytes(StandardCharsets.UTF_8),
                inputs.rulesBytes(),
                inputs.instructions().getBytes(StandardCharsets.UTF_8),
                request.packageName().getBytes(StandardCharsets.UTF_8),
                request.generatorVersion().getBytes(StandardCharsets.UTF_8),
                InputDigest.generatorFingerprint()));
        if (InputDigest.isUpToDate(request.outputDirectory(), digest)) {
            return new CodegenResult(true, spec, List.of(), spec.notes());
        }

        LoadedSpec loaded = new SpecLoader().parse(inputs.spec());
        ToolModel model = new ToolModelBuilder().build(loaded, inputs.rules(), inputs.instructions());
        Diagnostics diagnostics = new Diagnostics();
        ClassNameChecker.check(
                inputs.rules().vendor(), model.tools(), inputs.rules().file(), diagnostics);
        diagnostics.throwIfErrors();

        List<GeneratedFile> files = new ArrayList<>(emit(
                model,
                inputs.rules().vendor(),
                request.packageName(),
                loaded.displayName(),
                inputs.rules().fileName()));
        SurfaceCandidate candidate = SurfaceCandidate.of(model, spec.sha256());
        files.add(new GeneratedFile(SurfaceCandidate.LOCK_FILE, candidate.lockJson()));
        files.add(new GeneratedFile(SurfaceCandidate.EXPOSURE_FILE, candidate.exposureJson()));
        files.add(new GeneratedFile(
                InputDigest.FILE_NAME,
                InputDigest.record(
                        digest, files.stream().map(GeneratedFile::relativePath).toList())));
        try {
            new OutputWriter().replace(request.outputDirectory(), files);
        } catch (IOException e) {
            throw new CodegenException(
                    Location.file(request.outputDirectory().toString()),
                    "cannot write generated sources: " + e.getMessage(),
                    "check permissions and free disk space");
        }
        List<Diagnostic> warnings = new ArrayList<>(spec.notes());
        warnings.addAll(model.warnings());
        if (!loaded.parserWarnings().isEmpty()) {
            warnings.add(Diagnostic.warning(
                    Location.file(loaded.displayName()),
                    "the OpenAPI parser reported " + loaded.parserWarnings().size() + " issue(s), first: "
                            + loaded.parserWarnings().get(0)));
        }
        List<String> summary = new ArrayList<>(summary(model, loaded, inputs.rules()));
        summary.add(String.format(
                Locale.ROOT,
                "Generated in %d ms; heap peak of this JVM so far %d MiB.",
                (System.nanoTime() - started) / 1_000_000,
                heapPeakBytes() / (1024 * 1024)));
        return new CodegenResult(false, spec, summary, warnings);
    }

    /** Builds the tool model without writing anything (for tests and tools that inspect the surface). */
    public ToolModel model(String specLocation, Path rulesFile) throws CodegenException {
        Inputs inputs = read(new SpecLoader().read(specLocation), rulesFile);
        return new ToolModelBuilder()
                .build(new SpecLoader().parse(inputs.spec()), inputs.rules(), inputs.instructions());
    }

    /** Every generated file but the surface candidate and the digest, in a fixed order. Pure. */
    public static List<GeneratedFile> emit(
            ToolModel model, String vendor, String packageName, String specName, String rulesName) {
        String comment = "Generated by mcp-codegen-maven-plugin from " + specName + " and " + rulesName + ".\n"
                + "Do not edit: change the tagging rules and regenerate.";
        ToolClassWriter classes = new ToolClassWriter(packageName, comment);
        ProfileWriter profiles = new ProfileWriter(packageName, comment);
        List<GeneratedFile> files = new ArrayList<>();
        for (ToolDescriptor tool : model.tools()) {
            files.addAll(classes.write(tool));
        }
        files.add(profiles.write(vendor, model.profile(), rulesName));
        files.addAll(new CatalogWriter(packageName, comment)
                .write(vendor, model.tools(), classes, profiles.classNameOf(vendor)));
        files.add(new SurfaceMarkdownWriter().write(model.tools(), specName, rulesName));
        return files;
    }

    private static Inputs read(SpecSource spec, Path rulesFile) throws CodegenException {
        byte[] rulesBytes = readRules(rulesFile);
        TaggingRules rules = new RulesParser()
                .parse(rulesFile.normalize().toString(), new String(rulesBytes, StandardCharsets.UTF_8));
        return new Inputs(spec, rulesBytes, rules, readInstructions(rulesFile, rules));
    }

    /** The instructions file the rules name, relative to the rules file; empty when they name none. */
    private static String readInstructions(Path rulesFile, TaggingRules rules) throws CodegenException {
        if (rules.server().instructions().isEmpty()) {
            return "";
        }
        Path parent = rulesFile.toAbsolutePath().getParent();
        Path file = parent.resolve(rules.server().instructions().get()).normalize();
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new CodegenException(
                    rules.at(rules.server().instructionsLine()),
                    "the instructions file " + file + " does not exist",
                    "give server.instructions a path relative to the rules file, e.g. instructions.md");
        } catch (IOException e) {
            throw new CodegenException(
                    rules.at(rules.server().instructionsLine()),
                    "cannot read the instructions file " + file + ": " + e.getMessage(),
                    "check that it is a readable UTF-8 text file");
        }
    }

    private static List<String> summary(ToolModel model, LoadedSpec spec, TaggingRules rules) {
        List<String> lines = new ArrayList<>();
        Exclusions excluded = Exclusions.of(model);
        lines.add("Generated " + model.tools().size() + " tools from " + spec.displayName() + " ("
                + model.exposures().size() + " operations, " + excluded.total() + " not exposed) with "
                + rules.fileName() + ".");
        Map<String, Long> perTag = model.tools().stream()
                .collect(Collectors.groupingBy(ToolDescriptor::specTag, TreeMap::new, Collectors.counting()));
        lines.add("Tools per spec tag: "
                + perTag.entrySet().stream()
                        .map(e -> e.getKey() + " " + e.getValue())
                        .collect(Collectors.joining(", ")));
        lines.add("Read " + spec.displayName() + " as " + spec.format() + ".");
        CredentialScheme credential = model.profile().credential();
        lines.add("The server sends the API key"
                + (credential.inQuery() ? " in the query parameter " : " in the header ") + credential.header()
                + (credential.prefix().isEmpty()
                        ? ""
                        : " (\"" + credential.prefix().strip() + " ...\")")
                + ", from the environment variable " + model.profile().environmentVariable("API_KEY")
                + "; tools never take it as an argument.");
        lines.addAll(tokenTable(model));
        if (!excluded.unsendable().isEmpty()) {
            lines.add("Not exposed, because a tool cannot send their request bodies:");
            excluded.unsendable().forEach((operation, reason) -> lines.add("  " + operation + ": " + reason));
        }
        if (!excluded.undefined().isEmpty()) {
            lines.add("Not exposed, because the spec does not define their requests so that a tool can send them:");
            excluded.undefined()
                    .forEach((operation, reason) -> lines.add(
                            "  " + operation + ": " + reason.substring(ToolModelBuilder.UNREPRESENTABLE.length())));
        }
        if (excluded.total()
                > excluded.unsendable().size() + excluded.undefined().size()) {
            lines.add("Not exposed:");
            excluded.byReason().forEach((reason, count) -> lines.add("  " + count + " x " + reason));
            if (!excluded.byTagFamily().isEmpty()) {
                lines.add("  "
                        + excluded.byTagFamily().values().stream()
                                .mapToLong(Long::longValue)
                                .sum()
                        + " x spec tag not in expose-tags: "
                        + excluded.byTagFamily().entrySet().stream()
                                .map(e -> e.getKey() + " " + e.getValue())
                                .collect(Collectors.joining(", ")));
            }
        }
        return lines;
    }

    /** The largest heap this JVM has used, summed over its heap pools (a build's JVM runs other plugins too). */
    private static long heapPeakBytes() {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP)
                .mapToLong(pool -> pool.getPeakUsage().getUsed())
                .sum();
    }

    /** How many tokens the advertised surface costs, in total and for the ten largest tools. */
    private static List<String> tokenTable(ToolModel model) {
        List<String> lines = new ArrayList<>();
        int total =
                model.tools().stream().mapToInt(t -> t.advertised().tokens()).sum();
        lines.add("tools/list costs " + total + " tokens (o200k) for "
                + model.tools().size() + " tools; the largest:");
        model.tools().stream()
                .sorted(Comparator.comparingInt(
                                (ToolDescriptor t) -> t.advertised().tokens())
                        .reversed()
                        .thenComparing(ToolDescriptor::name))
                .limit(10)
                .forEach(t -> lines.add(
                        String.format(Locale.ROOT, "  %6d  %s", t.advertised().tokens(), t.name())));
        return lines;
    }

    /**
     * The operations not exposed, counted by reason. Those left out only because no expose-tags
     * entry and no rule matched them are many; they are counted by tag family ("Orgs / Teams /
     * Roles" counts under "Orgs") so the summary stays on one screen.
     */
    private record Exclusions(
            long total,
            Map<String, Long> byReason,
            Map<String, Long> byTagFamily,
            Map<String, String> unsendable,
            Map<String, String> undefined) {
        static Exclusions of(ToolModel model) {
            Map<String, Long> byReason = new TreeMap<>();
            Map<String, Long> byFamily = new TreeMap<>();
            Map<String, String> unsendable = new TreeMap<>();
            Map<String, String> undefined = new TreeMap<>();
            long total = 0;
            for (Exposure exposure : model.exposures()) {
                if (exposure.isExposed()) {
                    continue;
                }
                total++;
                String reason = exposure.reason().orElseThrow();
                if (reason.startsWith(ToolModelBuilder.UNSENDABLE_BODY)) {
                    unsendable.put(exposure.operationId(), reason);
                } else if (reason.startsWith(ToolModelBuilder.UNREPRESENTABLE)) {
                    undefined.put(exposure.operationId(), reason);
                } else if (exposure.decidedBy().isEmpty() && reason.startsWith(ToolModelBuilder.NOT_IN_EXPOSE_TAGS)) {
                    String tag = reason.substring(ToolModelBuilder.NOT_IN_EXPOSE_TAGS.length());
                    byFamily.merge(tag.split("/")[0].trim(), 1L, Long::sum);
                } else {
                    byReason.merge(reason, 1L, Long::sum);
                }
            }
            return new Exclusions(total, byReason, byFamily, unsendable, undefined);
        }
    }

    private static byte[] readRules(Path rulesFile) throws CodegenException {
        try {
            return Files.readAllBytes(rulesFile);
        } catch (IOException e) {
            throw new CodegenException(
                    Location.file(rulesFile.toString()),
                    Files.exists(rulesFile)
                            ? "cannot read the tagging-rules file: " + e.getMessage()
                            : "the tagging-rules file does not exist",
                    "point the rules parameter at the YAML rules file (see docs/rules.md)");
        }
    }

    private static void checkPackage(String packageName) throws CodegenException {
        if (!packageName.matches(PACKAGE_PATTERN)) {
            throw new CodegenException(
                    Location.file("packageName"),
                    "'" + packageName + "' is not a valid Java package name",
                    "use lower-case dot-separated identifiers, e.g. com.example.mcp.tools");
        }
    }
}
