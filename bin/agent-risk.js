#!/usr/bin/env node
// Launches the CLI (or, for `agent-risk lsp`, the language server) from the compiled output; the one place that knows where the build puts it.
const args = process.argv.slice(2);
if (args[0] === 'lsp') require('../out/src/lsp/main.js').run(args.slice(1));
else require('../out/src/cli/main.js').run();
