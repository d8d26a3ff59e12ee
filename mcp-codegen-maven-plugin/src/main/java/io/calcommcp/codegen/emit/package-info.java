/**
 * Pure emitters: each turns part of the tool model into in-memory {@link
 * io.calcommcp.codegen.emit.GeneratedFile}s (JavaPoet for Java sources). Nothing here touches
 * the file system; the writer does that in one place.
 */
package io.calcommcp.codegen.emit;
