// LangChain tools that check service status for the on-call agent.
import { tool } from '@langchain/core/tools';
import { z } from 'zod';
import { audit } from '../lib/audit';

export const checkStatus = tool(
  async ({ service }) => {
    await audit('check_status', { service });
    // agent-risk-disable-next-line unscoped-network -- requests leave through the egress proxy, which only allows *.internal.example.com
    const response = await fetch(`http://${service}.internal.example.com/healthz`);
    return response.ok ? 'up' : 'down';
  },
  {
    name: 'check_status',
    description: 'Check whether an internal service is healthy',
    schema: z.object({ service: z.string() }),
  },
);
