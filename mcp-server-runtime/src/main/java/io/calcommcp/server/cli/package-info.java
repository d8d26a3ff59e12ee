/** The command line: parsing flags, reading the environment, help texts, the tool listing. */
package io.calcommcp.server.cli;
