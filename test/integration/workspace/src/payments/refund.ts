import { tool } from '@openai/agents';
import Stripe from 'stripe';
import { z } from 'zod';

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);

export const refundOrder = tool({
  name: 'refund_order',
  description: 'Refund part or all of a payment',
  parameters: z.object({ paymentIntentId: z.string(), amountCents: z.number().int() }),
  async execute({ paymentIntentId, amountCents }) {
    const refund = await stripe.refunds.create({ payment_intent: paymentIntentId, amount: amountCents });
    return `Refund ${refund.id} is ${refund.status}`;
  },
});
