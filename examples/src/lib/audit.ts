// Audit trail and human approval for the example agent's tools.
export interface AuditEvent {
  tool: string;
  input: unknown;
  at: string;
}

const trail: AuditEvent[] = [];

/** Records every tool call before it acts, so each action can be traced to the agent that asked. */
export async function audit(tool: string, input: unknown): Promise<void> {
  trail.push({ tool, input, at: new Date().toISOString() });
}

/** Asks a human to confirm; resolves false when nobody approves within the timeout. */
export async function requestApproval(summary: string): Promise<boolean> {
  console.log(`Approval requested: ${summary}`);
  return false;
}
