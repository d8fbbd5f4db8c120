// The data a recognised tool carries, shared by the recogniser's modules so that none of them imports another for a type.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { ApiRef } from '../api';
import type { FunctionNode, Node } from '../ast';
import type { PathToken } from '../catalog/access-path';
import type { FileContext } from '../analysis/context';
import type { Value } from '../analysis/value';

export interface ToolHandler {
  fn: FunctionNode;
  ctx: FileContext;
  /** Index of the parameter the model controls; undefined when the model passes nothing. */
  inputIndex: number | undefined;
  /** Member path inside that parameter (`params.arguments` for MCP dispatchers). */
  inputPath: string[];
  /** Where the tool's file refers to a handler defined in another file. */
  reference?: Node;
  /** The tool's case label or map key, when it is in the handler's file and not in the tool's (engine/delegated.ts). */
  caseNode?: Node;
  /**
   * Variables the handler closes over, by environment key, as the tool's declaration fixes them: a factory's own
   * closure reading the declaration object it was called with (`forms/options-factory.ts`).
   */
  closure?: ReadonlyMap<string, Value>;
  /** The handler is a factory's closure shared by every declaration: each tool is reported at its declaration. */
  isSharedClosure?: boolean;
  /** Parameters the dispatch hands a package client in (`toolMap[method](this.paddle, args)`): their APIs. */
  paramApis?: ReadonlyMap<number, ApiRef>;
  /** Members of the input that hold the validated input again, so the schema's bounds hold there too. */
  inputAliases?: string[];
  /**
   * An invocation object's method (forms/invocation.ts): the model's input arrives in `param` of the tool's
   * factory method and the handler reads it as `this.<field>`.
   */
  input?: {
    field: string;
    param: TSESTree.Parameter;
    /** The tool class's check of the arguments before the invocation is built (an error message rejects them). */
    validate?: { fn: FunctionNode; ctx: FileContext };
  };
}

export interface RecognisedTool {
  name: string;
  nameNode: Node;
  formId: string;
  framework: string;
  definition: Node;
  handlers: ToolHandler[];
  notAnalysable?: string;
  approval?: string;
  audit?: string;
  selector?: { keys: string[]; name: string; call?: string };
  /** Input fields whose schema caps them (`z.number().max(100)`, `maximum: 100`). */
  cappedFields: Set<string>;
  /** The form's approval option when it sits in the options object (`Argument[0].Member[needsApproval]`). */
  approvalFlag?: string;
}

/** What the tool builders need of a form; catalog forms, configured factories and the generic object all fit it. */
export interface FormLike {
  id: string;
  framework: string;
  handler: PathToken[];
  input: PathToken[];
  names: PathToken[][];
  approval: PathToken[];
  defaultName?: string;
  inputNeedsSchema?: boolean;
  /** Members of the input parameter that hold the validated input again (`execute({ context })`). */
  inputAliases?: string[];
}
