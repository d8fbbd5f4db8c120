// One delegated tool in two files, shared by the CLI and language-server tests: an MCP dispatcher whose case only
// forwards to a handler imported from handlers.ts, where a model-chosen script runs.
export const DISPATCHER = `import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { CallToolRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { runScript, showUptime } from './handlers';

const server = new Server({ name: 'ops', version: '1.0.0' }, { capabilities: { tools: {} } });

server.setRequestHandler(CallToolRequestSchema, async (request) => {
  const args = request.params.arguments ?? {};
  switch (request.params.name) {
    case 'run_script':
      return runScript(args as { script: string });
    case 'show_uptime':
      return showUptime();
    default:
      throw new Error('unknown tool');
  }
});
`;

/** `runScript` starts on line 3, its sink on line 4; the dispatch to it is line 11 of the dispatcher. */
export const HANDLERS = `import { execSync } from 'node:child_process';

export function runScript(args: { script: string }) {
  return { content: [{ type: 'text', text: execSync(args.script, { encoding: 'utf8' }) }] };
}

export function showUptime() {
  return { content: [{ type: 'text', text: execSync('uptime', { encoding: 'utf8' }) }] };
}
`;
