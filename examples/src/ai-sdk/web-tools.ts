// Vercel AI SDK tools that read web pages for the assistant.
import { tool } from 'ai';
import { z } from 'zod';
import { audit } from '../lib/audit';
import { assertAllowedUrl, download } from '../lib/http';

// Risky: the model picks any URL, including internal services and cloud metadata endpoints.
export const fetchPage = tool({
  description: 'Fetch a web page and return its text',
  inputSchema: z.object({ url: z.string() }),
  execute: async ({ url }) => {
    return download(url);
  },
});

// Safe twin: only allowlisted documentation hosts, and every call is audited.
export const fetchDocs = tool({
  description: 'Fetch a page from the product documentation',
  inputSchema: z.object({ url: z.string() }),
  execute: async ({ url }) => {
    await audit('fetchDocs', { url });
    const allowed = assertAllowedUrl(url);
    return download(allowed.href);
  },
});

// A constant origin with a model-chosen query is already scoped.
export const searchDocs = tool({
  description: 'Search the product documentation',
  inputSchema: z.object({ query: z.string() }),
  execute: async ({ query }) => {
    const response = await fetch(`https://docs.example.com/api/search?q=${encodeURIComponent(query)}`);
    return response.json();
  },
});
