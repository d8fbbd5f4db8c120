// Which members of a transfer's arguments can hold its amount: a cap on `memo` or `description` bounds
// nothing that moves value. Amounts travel under many names and inside generic containers (`args`, `data`,
// `body`), so the members ruled out are those named as text, an identifier, an address or a currency.
import { isTainted, type Value } from './value';
import { wordsOf } from './words';

const NOT_AMOUNT_KEY =
  /^(memo|description|desc|note|notes|metadata|meta|reference|ref|name|title|label|comment|comments|message|subject|reason|email|phone|tags?|statement_?descriptor|idempotency_?key|customer|recipient|receiver|payee|to|from|address|destination|currency|symbol|chain|network|url|id|[a-z]+_id|[a-z]+Id|[a-z]+Address)$/i;

export function isAmountKey(name: string): boolean {
  return !NOT_AMOUNT_KEY.test(name);
}

/** Capped numbers that tune a transfer or pick an option, not size it: their cap bounds no amount. */
const NOT_AMOUNT_CAP =
  /^(number|num|choice|face|side|index|idx|page|page_?size|limit|offset|count|days|hours|minutes|seconds|deadline|timeout|duration|interval|period|decimals|leverage|multiplier|odds|chance|slippage[a-z_]*|[a-z_]*slippage|[a-z_]*bps|fee[a-z_]*|gas[a-z_]*|nonce|priority[a-z_]*|level|rating|score|temperature|round|rounds|bet_?count|max_?bet_?count)$/i;

/** Whether a schema cap on an input field (`z.number().max(…)`) can bound what a transfer moves. */
export function capsAmount(field: string): boolean {
  return isAmountKey(field) && !NOT_AMOUNT_CAP.test(field);
}

/**
 * Whether the value, or a member of it that names an amount (at any depth), is model input that carries an
 * amount bound: a cap on a configured tip (`Math.min(tip, maxTip)`) bounds nothing the model chose.
 */
export function hasAmountBound(value: Value, depth = 0): boolean {
  if (value.bounds.has('amount') && isTainted(value)) return true;
  if (depth > 6) return false;
  for (const [key, prop] of value.props ?? []) if (isAmountKey(key) && hasAmountBound(prop, depth + 1)) return true;
  for (const element of value.elements ?? []) if (hasAmountBound(element, depth + 1)) return true;
  return false;
}

/** Words that name what a transfer moves (`maxAmountRequired`, `priceUsd`), not how it is tuned. */
const AMOUNT_WORDS: ReadonlySet<string> = new Set([
  'amount',
  'amounts',
  'value',
  'quantity',
  'qty',
  'price',
  'total',
  'sum',
  'cents',
  'lamports',
  'wei',
]);

/** Whether a member's name names the amount itself (`maxAmountRequired`), so a cap on it bounds the transfer. */
export function namesAmount(name: string): boolean {
  return wordsOf(name).some((word) => AMOUNT_WORDS.has(word));
}

/** Keys that name the amount itself; a transfer with an unbounded one moves what the model chose. */
const AMOUNT_KEY =
  /^(amount|amounts|value|quantity|qty|price|total|sum|cents|lamports|wei|[a-z_]*amount|[a-z_]*_amount)$/i;

/** Whether a member named as the amount (at any depth) is model input with no amount bound. */
function hasUnboundedAmount(value: Value, depth = 0): boolean {
  if (depth > 6) return false;
  for (const [key, prop] of value.props ?? []) {
    if (AMOUNT_KEY.test(key) && isTainted(prop) && !prop.bounds.has('amount')) return true;
    if (hasUnboundedAmount(prop, depth + 1)) return true;
  }
  for (const element of value.elements ?? []) if (hasUnboundedAmount(element, depth + 1)) return true;
  return false;
}

/**
 * Whether a transfer's arguments bound what it moves: some argument carries the model's amount under a bound,
 * and no member named as the amount is unbounded model input (a capped dice number beside an uncapped
 * `value: betAmount` bounds nothing).
 */
export function argumentsBoundAmount(args: readonly Value[]): boolean {
  return args.some((value) => hasAmountBound(value)) && !args.some((value) => hasUnboundedAmount(value));
}

/** An object literal carries an amount cap to whatever receives it only through its amount members. */
export function carriesAmount(props: ReadonlyMap<string, Value>, spreads: readonly Value[]): boolean {
  for (const [key, prop] of props) if (isAmountKey(key) && prop.bounds.has('amount')) return true;
  return spreads.some((spread) => spread.bounds.has('amount'));
}

const ZERO = /^(0+(\.0+)?|0x0+)n?$/i;
const ALLOWANCE_OPERATION = /^approve$/i;

/**
 * The amount of an allowance approval (`approve(spender, amount)`, or a contract call whose
 * `functionName` is `approve` and whose `args` end with the amount), which is the last argument in
 * every token standard; undefined for any other call.
 */
export function allowanceAmount(method: string | undefined, args: readonly Value[]): Value | undefined {
  const options = args[0];
  const operation = options?.props?.get('functionName')?.constant;
  if (operation !== undefined) {
    const elements = options?.props?.get('args')?.elements;
    return ALLOWANCE_OPERATION.test(operation) && elements ? elements[elements.length - 1] : undefined;
  }
  return method !== undefined && ALLOWANCE_OPERATION.test(method) && args.length >= 2
    ? args[args.length - 1]
    : undefined;
}

/** Setting an allowance to zero revokes it: nothing can move through it afterwards. */
export function isZeroAmount(value: Value | undefined): boolean {
  return value?.constant !== undefined && ZERO.test(value.constant.trim());
}
