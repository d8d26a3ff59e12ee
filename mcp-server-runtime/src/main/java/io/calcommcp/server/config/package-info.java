/** What the server runs with, read from flags and the environment by the command line. */
package io.calcommcp.server.config;
