// A shell line whose program hands a quoted operand on as a command for another shell (`ssh host '<cmd>'`,
// `adb shell '<cmd>'`, `tmux send-keys -t %1 '<keys>' Enter`, `sh -c '<cmd>'`): escaping keeps the model's text one
// argument for the local shell, but the receiving side runs it, so the quotes are no bound there.
import type { Part } from './value';

/** A program word, written bare or as a path (`/usr/bin/ssh`). */
const P = String.raw`(?:\S*[/\\])?`;

/**
 * Lines whose program (and the subcommand or option that makes it run its operand) hands the operand on as a
 * command line for another shell: a remote host's, a device's, a terminal pane's, a new shell's. Matched on the
 * constant text of the line before the quoted operand, its closing quote stripped.
 */
const FORWARDING = [
  // A remote login shell runs every word after the host.
  new RegExp(String.raw`^${P}ssh\b`),
  // A device shell (`adb -s X shell …`, `hdc shell …`).
  new RegExp(String.raw`^${P}(?:adb|hdc)\b.*\sshell\b`),
  // A terminal multiplexer types the keys into a pane's shell.
  new RegExp(String.raw`^${P}tmux\b.*\ssend(?:-keys)?\b`),
  new RegExp(String.raw`^${P}screen\b.*\s-X\s+stuff\b`),
];

/**
 * A shell, or a user switch, given the operand as its command string, also inside a container's or a host's line
 * (`docker exec c sh -c '…'`, `sudo bash -c '…'`).
 */
const SHELL_COMMAND_STRING = new RegExp(
  String.raw`(?:^|\s)${P}(?:sh|bash|zsh|dash|ksh|fish|su|runuser)(?:\s+-\w+)*\s+-c\s+$`,
);

/** The word before the operand is an option, whose value the operand is. */
const OPTION_BEFORE = /(?:^|\s)-[\w-]+\s+$/;

/** Characters of constant text read: a launcher's line names its program and subcommand early. */
const MAX_PREFIX = 400;

/**
 * Whether the tainted part at `index` of a shell line sits after a program that runs it as a command on another
 * shell; the line's other non-constant parts read as a placeholder word.
 */
export function forwardsAsCommand(parts: readonly Part[], index: number): boolean {
  let prefix = '';
  for (const part of parts.slice(0, index)) {
    prefix += part.kind === 'const' ? part.text : ' x ';
    if (prefix.length > MAX_PREFIX) return false;
  }
  // The line's last command: `cd dir && ssh host '…'` forwards, `ssh host uptime; echo '…'` does not.
  const last = (prefix.split(/&&|\|\||[;|\n]/).pop() ?? '').trimStart().replace(/['"]$/, '');
  if (SHELL_COMMAND_STRING.test(last)) return true;
  // Only an operand: the value of an option (`ssh -p '…'`, `tmux send-keys -t '…'`) is no command.
  if (OPTION_BEFORE.test(last)) return false;
  return FORWARDING.some((pattern) => pattern.test(last));
}
