import { tool } from '@openai/agents';
import { z } from 'zod';
import { getText } from './lib/http.js';

export const readUrl = tool({
  name: 'read_url',
  description: 'Read the text at a URL',
  parameters: z.object({ url: z.string() }),
  execute: async ({ url }) => getText(url),
});
