import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { CallToolRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { TOOL_HANDLERS } from './handlers';

const server = new Server({ name: 'ops', version: '1.0.0' }, { capabilities: { tools: {} } });

server.setRequestHandler(CallToolRequestSchema, async (request) => {
  const { name, arguments: args } = request.params;
  const handler = TOOL_HANDLERS[name as keyof typeof TOOL_HANDLERS];
  if (!handler) throw new Error(`Unknown tool ${name}`);
  return handler(args as { script: string });
});
