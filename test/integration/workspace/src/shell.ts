import { createTool } from '@mastra/core/tools';
import { execSync } from 'node:child_process';
import { z } from 'zod';

export const runCommand = createTool({
  id: 'run-command',
  description: 'Run a shell command in the project',
  inputSchema: z.object({ command: z.string() }),
  execute: async ({ command }) => {
    return execSync(command, { encoding: 'utf8' });
  },
});
