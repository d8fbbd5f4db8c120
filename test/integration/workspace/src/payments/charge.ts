import { tool } from 'ai';
import Stripe from 'stripe';
import { z } from 'zod';

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);

export const chargeCustomer = tool({
  description: 'Charge a saved customer for an order',
  inputSchema: z.object({ customerId: z.string(), amountCents: z.number().int() }),
  execute: async ({ customerId, amountCents }) => {
    const intent = await stripe.paymentIntents.create({ customer: customerId, amount: amountCents, currency: 'usd', confirm: true });
    return intent.status;
  },
});
