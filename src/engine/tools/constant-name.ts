// The string a tool's name expression stands for: the tool forms ask here; the interpreter, which sits below
// them, asks analysis/constant-string.ts directly, so a dispatcher's case names and the case it runs agree.
export { constantString, heldValue } from '../analysis/constant-string';
