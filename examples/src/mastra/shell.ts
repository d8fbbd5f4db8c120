// Mastra tools that run maintenance commands for the operations agent.
import { createTool } from '@mastra/core/tools';
import { execFileSync, execSync } from 'node:child_process';
import { z } from 'zod';
import { audit } from '../lib/audit';

// Risky: the model writes the shell command.
export const runCommand = createTool({
  id: 'run-command',
  description: 'Run a shell command on the server',
  inputSchema: z.object({ command: z.string() }),
  execute: async (input) => {
    const output = execSync(input.command, { encoding: 'utf8' });
    return { output };
  },
});

const CHECKS: Record<string, string[]> = {
  disk: ['df', '-h'],
  uptime: ['uptime'],
};

// Safe twin: the model picks one of a few fixed checks by name.
export const runCheck = createTool({
  id: 'run-check',
  description: 'Run one of the predefined health checks',
  inputSchema: z.object({ check: z.enum(['disk', 'uptime']) }),
  execute: async (input) => {
    await audit('run-check', input);
    const argv = CHECKS[input.check];
    if (argv === undefined) throw new Error(`Unknown check ${input.check}`);
    const [binary, ...args] = argv;
    const output = execFileSync(binary as string, args, { encoding: 'utf8' });
    return { output };
  },
});
