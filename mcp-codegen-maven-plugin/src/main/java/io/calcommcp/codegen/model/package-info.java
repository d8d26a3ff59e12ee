/**
 * The tool model: immutable descriptors of the tools to generate, derived from the spec's
 * operations and the tagging rules, with names, routes, flat input schemas, annotations and the
 * value kind of every date and time; what decided each operation's exposure; and the profile of
 * the API. The vocabulary (access, hints, argument locations, value kinds) is the shared tool API's.
 */
package io.calcommcp.codegen.model;
