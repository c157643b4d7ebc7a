// Sandboxed BullMQ processor for the CPU-bound stages (ingest, ocr, review). BullMQ forks a child
// process that imports this file; the sources are TypeScript, so register tsx's loader first and
// only then import the stage code.
process.env.DOTENV_CONFIG_QUIET ??= 'true';
// If the worker process dies (kill -9, OOM), stop at once: its job's lock expires and another
// worker re-runs it (stalled-job recovery). Finishing here would only duplicate that work.
process.on('disconnect', () => process.exit(1));
const { register } = await import('tsx/esm/api');
register();
const { runSandboxedStage } = await import('../src/queue/stages.ts');

export default function process_(job) {
  return runSandboxedStage(job);
}
