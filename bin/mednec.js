#!/usr/bin/env node
// Entry point for `npx mednec`. The library is TypeScript run through tsx's loader, so a fresh
// clone works right after `npm install` with no build step.
process.env.DOTENV_CONFIG_QUIET ??= 'true';
const { register } = await import('tsx/esm/api');
register();
// `mednec review x --format fhir | head`: a closed pipe ends the command quietly, not with a stack.
process.stdout.on('error', (e) => { if (e.code === 'EPIPE') process.exit(0); throw e; });
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
