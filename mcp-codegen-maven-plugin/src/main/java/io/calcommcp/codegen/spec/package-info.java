/**
 * The first stage: reading the OpenAPI document, listing its operations, and turning its schemas
 * into the self-contained JSON Schemas that MCP tools declare. Nothing here knows the tagging rules
 * or the tool model; the model stage finishes each converted schema through {@link
 * io.calcommcp.codegen.spec.SchemaConverter.Finisher}.
 */
package io.calcommcp.codegen.spec;
