/**
 * The Maven front end: thin Mojos that map parameters into a request, call the core, and turn
 * problems into build failures.
 */
package io.calcommcp.codegen.maven;
