/** Writing generated output to disk, atomically, and deciding when there is nothing to do. */
package io.calcommcp.codegen.write;
