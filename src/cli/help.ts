// The --help text: every command and flag, with defaults and what is not implemented yet.
import { DEFAULT_EXCLUDES } from '../scan/ignore-rules';

export function helpText(version: string): string {
  return `agent-risk ${version}: flags AI-agent tools that can act beyond their authorization.

Usage:
  agent-risk scan [paths...]        lint tool definitions under paths (default: .)
  agent-risk inventory [paths...]   list every recognised tool, its capabilities, guards and findings

Options:
  -f, --format FORMAT      stylish (default), json, sarif or markdown (inventory: stylish, json, markdown)
  -o, --output FILE        write the report to FILE instead of stdout
  -c, --config FILE        use this configuration file instead of searching for .agent-risk.json
      --rule ID=SEVERITY   set a rule (or glob of rules) to off|hint|info|warning|error; repeatable;
                           wins over configuration files
      --fail-on LEVEL      exit 1 when a finding is at or above error (default), warning, info, or never
      --max-warnings N     also exit 1 when there are more than N warnings
  -q, --quiet              report errors only (the exit code still counts every finding)
      --baseline FILE      report only findings whose fingerprint is not in FILE
      --write-baseline FILE  write the fingerprints of the current findings to FILE (exits 0 unless
                           the scan itself fails)
  -j, --jobs N             lint on N worker threads (default 1: the main thread)
      --file-timeout S     a file whose linting takes over S seconds (default 30) is skipped with a
                           "not analysed: timeout" problem instead of stalling the scan, in every mode
      --cache              reuse the results of files that did not change, nor did any file they
                           import, the configuration or the engine (stored in the user's cache
                           folder: $XDG_CACHE_HOME/agent-risk or ~/.cache/agent-risk)
      --cache-location DIR keep the --cache file in DIR instead; refused inside a scanned path
                           or when DIR is a symlink (results never come from the scanned tree)
      --cache-strategy S   how --cache tells a file unchanged: metadata (default: same size and
                           modification time, the content hashed only when they changed) or
                           content (hash every file on every run)
      --fail-on-problems   also exit 1 when any file is not analysed (too large, binary,
                           unparsable, timed out); config key "failOnProblems"
      --no-default-excludes  walk dist/, build/, out/, test/, node_modules/ … like any folder
  -h, --help               show this help
  -v, --version            show the version

Files: folders are walked for .ts .tsx .mts .cts .js .jsx .mjs .cjs files, honouring .gitignore,
the include/exclude globs of .agent-risk.json and these default excludes (re-include with a
"!" glob in "exclude"): ${DEFAULT_EXCLUDES.join(' ')}
A package whose only code is in dist/, build/ or out/ has that output scanned (said on stderr).
Files named on the command line are always scanned. Symlinks are followed only while they stay
inside the scanned folder (others are counted in the report); loops are not followed.
--output, --write-baseline and the cache replace a symlink at their path instead of writing through it.

Configuration: .agent-risk.json files are found by walking up from each file (stopping at one with
"root": true); precedence is built-in defaults < configuration files (outer first) < --rule flags.

Every format lists what changed the verdict: configuration files read, excludes and .gitignore
files that dropped paths, rules turned off or downgraded, guard/approval/audit names, baselined,
suppressed and cached results.

Colour and the progress line are drawn only at a terminal, and never when CI or NO_COLOR is set
or TERM is dumb, so task terminals and CI logs hold plain text.

Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it (or too many warnings, or
files not analysed with --fail-on-problems),
2 usage, configuration or internal error (a one-line reason on stderr).
`;
}
