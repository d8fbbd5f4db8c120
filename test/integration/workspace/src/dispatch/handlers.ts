import { execSync } from 'node:child_process';

export const TOOL_HANDLERS = {
  run_script: async (args: { script: string }) => {
    const output = execSync(args.script, { encoding: 'utf8' });
    return { content: [{ type: 'text', text: output }] };
  },
  uptime: async (_args: { script: string }) => {
    return { content: [{ type: 'text', text: execSync('uptime', { encoding: 'utf8' }) }] };
  },
};
