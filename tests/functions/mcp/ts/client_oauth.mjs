// The official TypeScript SDK's OAuth client against auth + mcp on one origin:
//   node client_oauth.mjs <origin> <username> <password>
// A person's part (the login and consent page) is played over HTTP with fetch: read the form,
// fill it in, submit it, keep the cookie. Prints what happened as JSON.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { UnauthorizedError, auth } from "@modelcontextprotocol/sdk/client/auth.js";

const [origin, username, password] = process.argv.slice(2);
const serverUrl = new URL(`${origin}/mcp`);
const redirectUrl = "http://127.0.0.1:47011/callback";

function hiddenForms(html) {
  const found = [];
  for (const match of html.matchAll(/<form[^>]*>([\s\S]*?)<\/form>/g)) {
    const fields = {};
    for (const input of match[1].matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
      fields[input[1]] = input[2].replaceAll("&amp;", "&").replaceAll("&quot;", '"').replaceAll("&#x27;", "'")
        .replaceAll("&lt;", "<").replaceAll("&gt;", ">");
    }
    found.push(fields);
  }
  return found;
}

async function person(authorizationUrl) {
  const page = await fetch(authorizationUrl, { headers: { "Accept-Language": "ko-KR,ko;q=0.9" } });
  if (page.status !== 200) throw new Error(`authorization page: ${page.status} ${await page.text()}`);
  const cookie = page.headers.get("set-cookie").split(";")[0];
  const login = hiddenForms(await page.text()).find((f) => f.action === "login");
  const post = (fields) => fetch(`${origin}/oauth/authorize`, {
    method: "POST",
    redirect: "manual",
    headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded", "Accept-Language": "ko" },
    body: new URLSearchParams(fields),
  });
  const consentPage = await post({ ...login, username, password });
  const consentHtml = await consentPage.text();
  if (consentPage.status !== 200) throw new Error(`login: ${consentPage.status} ${consentHtml}`);
  const consent = hiddenForms(consentHtml).find((f) => f.ticket);
  const back = await post({ ...consent, action: "approve" });
  const location = new URL(back.headers.get("location"));
  return { consentHtml, params: Object.fromEntries(location.searchParams) };
}

const store = { client: undefined, tokens: undefined, verifier: undefined, seen: undefined };
const provider = {
  get redirectUrl() { return redirectUrl; },
  get clientMetadata() {
    return {
      client_name: "TypeScript SDK host",
      redirect_uris: [redirectUrl],
      grant_types: ["authorization_code", "refresh_token"],
      response_types: ["code"],
      token_endpoint_auth_method: "none",
    };
  },
  clientInformation: () => store.client,
  saveClientInformation: (info) => { store.client = info; },
  tokens: () => store.tokens,
  saveTokens: (tokens) => { store.tokens = tokens; },
  saveCodeVerifier: (v) => { store.verifier = v; },
  codeVerifier: () => store.verifier,
  redirectToAuthorization: async (url) => { store.seen = await person(url.toString()); store.authorizationUrl = url.toString(); },
};

async function listTools() {
  const client = new Client({ name: "klepaas-ts-oauth-test", version: "1.0.0" });
  const transport = new StreamableHTTPClientTransport(serverUrl, { authProvider: provider });
  try {
    await client.connect(transport);
  } catch (error) {
    if (!(error instanceof UnauthorizedError)) throw error;
    await transport.finishAuth(store.seen.params.code);
    return listTools();
  }
  const listed = await client.listTools();
  await client.close();
  return listed.tools.map((t) => t.name);
}

const tools = await listTools();
const first = store.tokens;
const refreshed = await auth(provider, { serverUrl });  // with a refresh token stored: the refresh grant
const second = store.tokens;
const toolsAfterRefresh = await listTools();
const revoke = await fetch(`${origin}/oauth/revoke`, {
  method: "POST",
  headers: { "Content-Type": "application/x-www-form-urlencoded" },
  body: new URLSearchParams({ token: second.refresh_token, client_id: store.client.client_id }),
});
const afterRevoke = await fetch(serverUrl, {
  method: "POST",
  headers: {
    Authorization: `Bearer ${second.access_token}`,
    "Content-Type": "application/json",
    Accept: "application/json, text/event-stream",
  },
  body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" }),
});
console.log(JSON.stringify({
  tools,
  toolsAfterRefresh,
  refreshed,
  rotated: first.refresh_token !== second.refresh_token,
  scope: second.scope,
  clientId: store.client.client_id,
  authorizationUrl: store.authorizationUrl,
  callback: store.seen.params,
  consentIsKorean: store.seen.consentHtml.includes("접근을 허용할까요?"),
  revokeStatus: revoke.status,
  afterRevokeStatus: afterRevoke.status,
}));
