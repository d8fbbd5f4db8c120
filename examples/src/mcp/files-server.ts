// An MCP server exposing the team's notes folder to agents.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { audit } from '../lib/audit';

const NOTES_ROOT = path.resolve(process.env.NOTES_ROOT ?? './notes');
const server = new McpServer({ name: 'notes', version: '1.0.0' });

// Risky: any path on the machine, e.g. ../../.ssh/id_rsa.
server.registerTool(
  'read_file',
  { description: 'Read a file', inputSchema: { file: z.string() } },
  async ({ file }) => {
    const text = await readFile(file, 'utf8');
    return { content: [{ type: 'text', text }] };
  },
);

// Safe twin: the path must resolve inside the notes folder.
server.registerTool(
  'read_note',
  { description: 'Read a note from the notes folder', inputSchema: { name: z.string() } },
  async ({ name }) => {
    await audit('read_note', { name });
    const target = path.resolve(NOTES_ROOT, name);
    if (!target.startsWith(NOTES_ROOT + path.sep)) throw new Error('Outside the notes folder.');
    const text = await readFile(target, 'utf8');
    return { content: [{ type: 'text', text }] };
  },
);

export { server };
