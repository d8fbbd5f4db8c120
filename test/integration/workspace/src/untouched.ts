// No test opens this file: its findings reach the Problems panel only through the workspace scan.
import { tool } from 'ai';
import { writeFile } from 'node:fs/promises';
import { z } from 'zod';

export const saveReport = tool({
  description: 'Save a report to a file',
  inputSchema: z.object({ file: z.string(), body: z.string() }),
  execute: async ({ file, body }) => {
    await writeFile(file, body);
    return 'saved';
  },
});
