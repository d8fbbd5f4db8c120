// OpenAI Agents SDK tools that issue refunds for the support agent.
import { tool } from '@openai/agents';
import Stripe from 'stripe';
import { z } from 'zod';
import { audit } from '../lib/audit';

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY ?? '');
const MAX_AUTO_REFUND_CENTS = 5_000;

// Risky: the model decides the amount and nothing bounds or approves it.
export const refundOrder = tool({
  name: 'refund_order',
  description: 'Refund a customer payment',
  parameters: z.object({ paymentIntent: z.string(), amount: z.number() }),
  execute: async ({ paymentIntent, amount }) => {
    const refund = await stripe.refunds.create({ payment_intent: paymentIntent, amount });
    return refund.status;
  },
});

// Safe twin: small refunds only, a human approves each call, and each call is audited.
export const refundSmallOrder = tool({
  name: 'refund_small_order',
  description: 'Refund up to 50 USD of a customer payment',
  parameters: z.object({ paymentIntent: z.string(), amount: z.number() }),
  needsApproval: true,
  execute: async ({ paymentIntent, amount }) => {
    await audit('refund_small_order', { paymentIntent, amount });
    if (amount > MAX_AUTO_REFUND_CENTS) throw new Error('Refunds above 50 USD need a manager.');
    const refund = await stripe.refunds.create({ payment_intent: paymentIntent, amount });
    return refund.status;
  },
});
