// A real OAuth client for `serve --oauth`: the official MCP TypeScript SDK's auth() flow with an
// OAuthClientProvider kept in memory, and a person's browser played over HTTP (the consent form
// is read from the page and submitted with the person's key and choice of access). Then the SDK's
// client lists the tools and calls one with the access token it got.
//
// Usage: node oauth-client.mjs <mcp url> <api key> <access: read | read_write> <tool to call>
// Prints one JSON object: the tools listed, the call's result and the tokens (for the test to
// search the store and the log for).
import { auth } from "@modelcontextprotocol/sdk/client/auth.js";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";

const [serverUrl, apiKey, access, tool] = process.argv.slice(2);
const redirectUrl = "http://127.0.0.1:53682/callback";

class MemoryProvider {
  constructor() {
    this.saved = {};
    this.authorizationUrl = undefined;
  }
  get redirectUrl() {
    return redirectUrl;
  }
  get clientMetadata() {
    return {
      client_name: "MCP TypeScript SDK test client",
      redirect_uris: [redirectUrl],
      grant_types: ["authorization_code", "refresh_token"],
      response_types: ["code"],
      token_endpoint_auth_method: "none",
    };
  }
  state() {
    return "sdk-state-0123456789";
  }
  clientInformation() {
    return this.saved.client;
  }
  saveClientInformation(client) {
    this.saved.client = client;
  }
  tokens() {
    return this.saved.tokens;
  }
  saveTokens(tokens) {
    this.saved.tokens = tokens;
  }
  redirectToAuthorization(url) {
    this.authorizationUrl = url;
  }
  saveCodeVerifier(verifier) {
    this.saved.verifier = verifier;
  }
  codeVerifier() {
    return this.saved.verifier;
  }
}

function unescape(text) {
  return text
    .replaceAll("&quot;", '"')
    .replaceAll("&#39;", "'")
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&amp;", "&");
}

/** The person: opens the authorization URL, fills in the consent form, and is sent back with a code. */
async function consent(authorizationUrl) {
  const page = await fetch(authorizationUrl, { redirect: "manual" });
  const html = await page.text();
  if (page.status !== 200) {
    throw new Error(`consent page: HTTP ${page.status}: ${html}`);
  }
  const cookies = page.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const form = new URLSearchParams();
  for (const match of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    form.append(unescape(match[1]), unescape(match[2]));
  }
  form.append("api_key", apiKey);
  form.append("access", access);
  form.append("decision", "allow");
  const answer = await fetch(new URL("/oauth/authorize", authorizationUrl), {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookies },
    body: form,
  });
  if (answer.status !== 303) {
    throw new Error(`consent: HTTP ${answer.status}: ${await answer.text()}`);
  }
  const back = new URL(answer.headers.get("location"));
  if (back.origin + back.pathname !== redirectUrl) {
    throw new Error(`sent back to ${back}`);
  }
  if (back.searchParams.get("state") !== "sdk-state-0123456789") {
    throw new Error(`state not returned: ${back}`);
  }
  return back.searchParams.get("code");
}

const provider = new MemoryProvider();
const first = await auth(provider, { serverUrl });
if (first !== "REDIRECT" || !provider.authorizationUrl) {
  throw new Error(`expected a redirect to the authorization URL, got ${first}`);
}
const code = await consent(provider.authorizationUrl);
const second = await auth(provider, { serverUrl, authorizationCode: code });
if (second !== "AUTHORIZED") {
  throw new Error(`expected AUTHORIZED after the code exchange, got ${second}`);
}

const client = new Client({ name: "sdk-oauth-test", version: "1.0.0" });
await client.connect(new StreamableHTTPClientTransport(new URL(serverUrl), { authProvider: provider }));
const listed = await client.listTools();
const called = await client.callTool({ name: tool, arguments: {} });
await client.close();

process.stdout.write(
  JSON.stringify({
    authorization_url: provider.authorizationUrl.toString(),
    client_id: provider.saved.client.client_id,
    tools: listed.tools.map((t) => ({ name: t.name, read_only: t.annotations?.readOnlyHint === true })),
    call: called,
    tokens: provider.saved.tokens,
  }) + "\n",
);
