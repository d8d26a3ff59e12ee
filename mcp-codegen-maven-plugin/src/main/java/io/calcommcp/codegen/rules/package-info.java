/**
 * The tagging rules: parsing the YAML file with line numbers, and checking it against the spec
 * so every mistake is reported at its line with a fix.
 */
package io.calcommcp.codegen.rules;
