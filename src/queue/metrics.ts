/**
 * Prometheus metrics shared by every worker host: workers record job durations into Redis
 * histograms (a hash per series: per-bucket counts, count, sum), and `mednec dashboard` exports them on
 * /metrics next to BullMQ's own queue counts (`queue.exportPrometheusMetrics()`).
 */
import type { Redis } from 'ioredis';

export const DURATION_BUCKETS = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 900];

export class DurationMetrics {
  constructor(private readonly redis: Redis, private readonly prefix: string) {}

  private key(series: 'stage' | 'document', label: string): string {
    return `${this.prefix}:metrics:${series}:${label}`;
  }

  /** One job of `stage` took `seconds` (series "stage"), or one document took that long end to end. */
  async observe(series: 'stage' | 'document', label: string, seconds: number): Promise<void> {
    const k = this.key(series, label);
    const p = this.redis.pipeline();
    // One bucket per observation (the smallest that holds it); exportPrometheus accumulates.
    const le = DURATION_BUCKETS.find((b) => seconds <= b);
    p.hincrby(k, le === undefined ? '+Inf' : String(le), 1);
    p.hincrby(k, 'count', 1);
    p.hincrbyfloat(k, 'sum', seconds);
    p.sadd(`${this.prefix}:metrics:series`, `${series}:${label}`);
    await p.exec();
  }

  async failure(stage: string): Promise<void> {
    await this.redis.hincrby(`${this.prefix}:metrics:failures`, stage, 1);
  }

  async exportPrometheus(): Promise<string> {
    const series = (await this.redis.smembers(`${this.prefix}:metrics:series`)).sort();
    const lines: string[] = [];
    const blocks: Record<'stage' | 'document', string[]> = { stage: [], document: [] };
    for (const s of series) {
      const [kind, label] = s.split(':') as ['stage' | 'document', string];
      if (kind !== 'stage' && kind !== 'document') continue;
      const h = await this.redis.hgetall(this.key(kind, label));
      const name = kind === 'stage' ? 'mednec_stage_duration_seconds' : 'mednec_document_duration_seconds';
      const lbl = kind === 'stage' ? `stage="${label}",` : `outcome="${label}",`;
      let cumulative = 0;
      for (const le of DURATION_BUCKETS) {
        cumulative += Number(h[String(le)] ?? 0);
        blocks[kind].push(`${name}_bucket{${lbl}le="${le}"} ${cumulative}`);
      }
      blocks[kind].push(`${name}_bucket{${lbl}le="+Inf"} ${Number(h.count ?? 0)}`);
      blocks[kind].push(`${name}_sum{${lbl.slice(0, -1)}} ${Number(h.sum ?? 0)}`);
      blocks[kind].push(`${name}_count{${lbl.slice(0, -1)}} ${Number(h.count ?? 0)}`);
    }
    lines.push('# HELP mednec_stage_duration_seconds Time a worker spent on one job of a pipeline stage.');
    lines.push('# TYPE mednec_stage_duration_seconds histogram', ...blocks.stage);
    lines.push('# HELP mednec_document_duration_seconds Time from enqueue to published result, per document.');
    lines.push('# TYPE mednec_document_duration_seconds histogram', ...blocks.document);
    const failures = await this.redis.hgetall(`${this.prefix}:metrics:failures`);
    lines.push('# HELP mednec_stage_failures_total Failed job attempts per stage (retried or final).');
    lines.push('# TYPE mednec_stage_failures_total counter');
    for (const [stage, n] of Object.entries(failures).sort()) lines.push(`mednec_stage_failures_total{stage="${stage}"} ${Number(n)}`);
    return lines.join('\n') + '\n';
  }
}
