import { createTool } from '@mastra/core/tools';
import Stripe from 'stripe';
import { z } from 'zod';

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);

export const payoutSeller = createTool({
  id: 'payout-seller',
  description: 'Move a seller balance to their connected account',
  inputSchema: z.object({ accountId: z.string(), amountCents: z.number().int() }),
  execute: async (inputData) => {
    const transfer = await stripe.transfers.create({ amount: inputData.amountCents, currency: 'usd', destination: inputData.accountId });
    return { transferId: transfer.id };
  },
});
