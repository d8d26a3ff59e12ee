/** Test doubles that no real component can replace: a local HTTP server for downloads. */
package io.calcommcp.codegen.testing;
