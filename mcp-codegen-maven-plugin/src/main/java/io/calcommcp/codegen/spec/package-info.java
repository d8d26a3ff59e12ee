/**
 * Loading the OpenAPI document and turning its schemas into the self-contained JSON Schemas
 * that MCP tools declare.
 */
package io.calcommcp.codegen.spec;
