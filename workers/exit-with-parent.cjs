// Preloaded (node --require) into every sandboxed stage child, before BullMQ's child bootstrap:
// when the worker process dies (kill -9, OOM) the IPC channel closes and the child exits at once,
// even while it is still starting up. The job's lock then expires and another worker re-runs it.
process.on('disconnect', () => process.exit(1));
