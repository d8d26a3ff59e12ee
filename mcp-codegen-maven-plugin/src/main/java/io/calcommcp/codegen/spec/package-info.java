/**
 * The first stage: finding the OpenAPI document ({@link io.calcommcp.codegen.spec.SpecResolver}:
 * the given spec, a local copy, the download cache by sha-256, a download), reading it, checking
 * the parts a tool is built from (broken and circular {@code $ref}s, schemas that are not schemas,
 * unusable parameters: each found with its JSON pointer), listing its operations, and turning its
 * schemas into the self-contained JSON Schemas that MCP tools declare. Nothing here knows the
 * tagging rules or the tool model; the model stage finishes each converted schema through {@link
 * io.calcommcp.codegen.spec.SchemaConverter.Finisher}.
 */
package io.calcommcp.codegen.spec;
