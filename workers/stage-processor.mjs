// Sandboxed BullMQ processor for the CPU-bound stages (ingest with its OCR phase, review). BullMQ forks a child
// process that imports this file; the sources are TypeScript, so register tsx's loader first and
// only then import the stage code.
process.env.DOTENV_CONFIG_QUIET ??= 'true';
// (workers/exit-with-parent.cjs, preloaded, ends this process if the worker process dies.)
const { register } = await import('tsx/esm/api');
register();
const { runSandboxedStage } = await import('../src/queue/stages.ts');

export default function process_(job) {
  return runSandboxedStage(job);
}
