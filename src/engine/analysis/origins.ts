// Origins derived by reading members or elements of model input: small shared records that point at
// their parent, so a 1,000-link member chain does not copy ever-longer strings at every link; the
// display text and the member path are built only when something (a finding's message) reads them.
import type { Node } from '../ast';
import type { InputOrigin, Origin, ParamOrigin } from './value';

/** The step of `x[]` (one element of x). */
export const ELEMENT = '[]';
/** Per value; more origins only lengthen a message that names three (see uniqueOrigins). */
export const MAX_ORIGINS = 16;
/** Beyond this many member steps a chain names the same origin as its prefix (guards look no deeper, see keysOf). */
const MAX_STEPS = 24;

/** Derived records per parent and step, so the same read twice yields the same record (and its cached strings). */
const children = new WeakMap<Origin, Map<string, Origin>>();
const keys = new WeakMap<Origin, string>();

/** What tells two origins apart: the input's text and place, or the parameter and the members read from it. */
export function originKey(origin: Origin): string {
  let key = keys.get(origin);
  if (key === undefined) {
    key =
      origin.kind === 'input'
        ? `i:${origin.display}:${origin.node.range[0]}`
        : `p:${origin.index}:${origin.path.join('.')}`;
    keys.set(origin, key);
  }
  return key;
}

/** The origin of `parent.name` (or of one element of parent, for ELEMENT). */
export function childOrigin(parent: Origin, step: string): Origin {
  if (stepsOf(parent) >= MAX_STEPS) return parent;
  let byStep = children.get(parent);
  if (byStep === undefined) {
    byStep = new Map();
    children.set(parent, byStep);
  }
  let child = byStep.get(step);
  if (child === undefined) {
    child = parent.kind === 'input' ? new DerivedInput(parent, step) : new DerivedParam(parent, step);
    byStep.set(step, child);
  }
  return child;
}

/**
 * The tool's input itself, not a member or an element of it: the handler's parameter (`args`) or the
 * arguments a dispatcher reads off the request (`request.params.arguments`). Read from the origin's
 * structure, so no display text is built on this path.
 */
export function isWholeInput(origin: Origin): boolean {
  return origin.kind === 'input' && !(origin instanceof DerivedInput);
}

/** A field of the input its schema validated as a number (`x` of `{ x: z.number() }`): digits and a sign. */
export function isNumberInput(origin: Origin): boolean {
  return origin instanceof DerivedInput && origin.isNumber;
}

/** A helper's parameter itself, not a member or an element of it. */
export function isWholeParam(origin: Origin): boolean {
  return origin.kind === 'param' && !(origin instanceof DerivedParam);
}

function stepsOf(origin: Origin): number {
  return origin instanceof DerivedInput || origin instanceof DerivedParam ? origin.steps : 0;
}

function childDisplay(parent: string, step: string): string {
  if (step === ELEMENT) return `${parent}${ELEMENT}`;
  return parent === '' ? step : `${parent}.${step}`;
}

class DerivedInput implements InputOrigin {
  readonly kind = 'input' as const;
  readonly node: Node;
  readonly file: string;
  readonly steps: number;
  readonly isNumber: boolean;
  private text: string | undefined;

  constructor(
    private readonly parent: InputOrigin,
    private readonly step: string,
  ) {
    this.node = parent.node;
    this.file = parent.file;
    this.steps = stepsOf(parent) + 1;
    this.isNumber = parent.numberFields?.has(step) === true;
  }

  get display(): string {
    this.text ??= childDisplay(this.parent.display, this.step);
    return this.text;
  }
}

class DerivedParam implements ParamOrigin {
  readonly kind = 'param' as const;
  readonly index: number;
  readonly steps: number;
  private text: string | undefined;
  private members: readonly string[] | undefined;

  constructor(
    private readonly parent: ParamOrigin,
    private readonly step: string,
  ) {
    this.index = parent.index;
    this.steps = stepsOf(parent) + 1;
  }

  get display(): string {
    this.text ??= childDisplay(this.parent.display, this.step);
    return this.text;
  }

  /** An element of a parameter is read through the same path as the parameter itself. */
  get path(): readonly string[] {
    this.members ??= this.step === ELEMENT ? this.parent.path : [...this.parent.path, this.step];
    return this.members;
  }
}
