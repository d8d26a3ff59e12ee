/** The command line: parsing flags, reading the environment, help texts. */
package io.calcommcp.server.cli;
