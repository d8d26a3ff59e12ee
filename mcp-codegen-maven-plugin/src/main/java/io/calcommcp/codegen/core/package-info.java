/**
 * The generator's entry point and the values that cross stage boundaries: the request, the
 * result and the problems reported to the user. Nothing here imports Maven, so a CLI or a
 * test drives the same code as the plugin.
 */
package io.calcommcp.codegen.core;
