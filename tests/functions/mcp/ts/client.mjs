// The official TypeScript SDK client against the mcp function: node client.mjs <url> <token>
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";

const [url, token] = process.argv.slice(2);
const transport = new StreamableHTTPClientTransport(new URL(url), {
  requestInit: { headers: { Authorization: `Bearer ${token}` } },
});
const client = new Client({ name: "klepaas-ts-test", version: "1.0.0" });
await client.connect(transport);
const listed = await client.listTools();
const status = await client.callTool({ name: "get_status", arguments: { name: "web-app", resource_type: "deployment" } });
const held = await client.callTool({
  name: "scale",
  arguments: { app_name: "web-app", replicas: 3, environment: "production" },
});
const state = await client.callTool({
  name: "operation_status",
  arguments: { operation_id: held.structuredContent.operation_id },
});
console.log(JSON.stringify({
  server: client.getServerVersion(),
  tools: listed.tools.map((t) => ({ name: t.name, title: t.title, annotations: t.annotations })),
  status,
  held,
  state,
}));
await client.close();
