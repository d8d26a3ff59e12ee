/**
 * The tool model: immutable descriptors of the tools to generate, derived from the spec's
 * operations and the tagging rules, with names, routes, flat input schemas and annotations.
 */
package io.calcommcp.codegen.model;
