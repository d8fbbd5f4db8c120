// Comparison methods of arbitrary-precision number libraries (bignumber.js, bn.js, big.js, decimal.js, ethers v5
// BigNumber): chain code keeps amounts in these, so `if (amount.gt(MAX)) throw` is the cap `amount > MAX` written
// as a call.

/** The operator a comparison method stands for, `amount.gt(max)` as `amount > max`; undefined for any other method. */
export function comparisonOperator(method: string, argumentCount: number): '<' | '<=' | '>' | '>=' | undefined {
  if (argumentCount !== 1) return undefined;
  return OPERATORS.get(method);
}

const OPERATORS = new Map<string, '<' | '<=' | '>' | '>='>([
  ['gt', '>'],
  ['isGreaterThan', '>'],
  ['greaterThan', '>'],
  ['gte', '>='],
  ['isGreaterThanOrEqualTo', '>='],
  ['greaterThanOrEqualTo', '>='],
  ['lt', '<'],
  ['isLessThan', '<'],
  ['lessThan', '<'],
  ['lte', '<='],
  ['isLessThanOrEqualTo', '<='],
  ['lessThanOrEqualTo', '<='],
]);
