/**
 * Administration: integrated accounts, the MCP server URLs minted for them, and API tokens. {@link
 * io.calcommcp.server.admin.AdminService} holds the operations and every validation, and is used by
 * both the REST API ({@link io.calcommcp.server.admin.AdminHttpService}, on its own listener) and
 * the command line, so both refuse the same inputs with the same words.
 */
package io.calcommcp.server.admin;
