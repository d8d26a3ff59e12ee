/**
 * Pure emitters: each turns part of the tool model into in-memory {@link
 * io.calcommcp.codegen.emit.GeneratedFile}s (JavaPoet for Java sources): one class per tool, the
 * package's tool catalog with its service file, the vendor profile, and {@code TOOLS.md}. The
 * generated code depends only on the shared tool API ({@code io.calcommcp.toolapi}). Nothing here
 * touches the file system; the writer does that in one place.
 */
package io.calcommcp.codegen.emit;
