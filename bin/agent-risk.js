#!/usr/bin/env node
// Launches the CLI from the compiled output; the one place that knows where the build puts it.

require('../out/src/cli/main.js').run();
