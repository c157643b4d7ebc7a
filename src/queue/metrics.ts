/**
 * Prometheus metrics shared by every worker host. Workers record into Redis (so the dashboard on
 * one host exports the whole fleet's numbers): per-stage and per-document duration histograms (a
 * hash per series: per-bucket counts, count, sum), failures counted once at the stage where the
 * document failed, retried attempts, and review outcomes. `mednec dashboard` builds a prom-client
 * registry over them (plus queue depth and document counts, read at scrape time): one HELP/TYPE
 * per family, prom-client's own text format.
 */
import type { Redis } from 'ioredis';
import type { MetricOp } from './registry.ts';
import { Counter, Gauge, Histogram, Registry, type MetricObjectWithValues, type MetricValueWithName } from 'prom-client';

export const DURATION_BUCKETS = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 900];

type Series = 'stage' | 'document';

export class DurationMetrics {
  constructor(private readonly redis: Redis, private readonly prefix: string) {}

  private key(series: Series, label: string): string {
    return `${this.prefix}:metrics:${series}:${label}`;
  }

  /** Commands recording one observation, to run in the caller's pipeline/multi (one round trip). */
  observeCommands(p: ReturnType<Redis['pipeline']>, series: Series, label: string, seconds: number): void {
    const k = this.key(series, label);
    // One bucket per observation (the smallest that holds it); the export accumulates.
    const le = DURATION_BUCKETS.find((b) => seconds <= b);
    p.hincrby(k, le === undefined ? '+Inf' : String(le), 1);
    p.hincrby(k, 'count', 1);
    p.hincrbyfloat(k, 'sum', seconds);
    p.sadd(`${this.prefix}:metrics:series`, `${series}:${label}`);
  }

  /** The same updates as registry ops (Registry.markWith applies them with the state change, one round trip). */
  observeOps(series: Series, label: string, seconds: number): MetricOp[] {
    const k = this.key(series, label);
    const le = DURATION_BUCKETS.find((b) => seconds <= b);
    return [
      ['HINCRBY', k, le === undefined ? '+Inf' : String(le), 1],
      ['HINCRBY', k, 'count', 1],
      ['HINCRBYFLOAT', k, 'sum', seconds],
      ['SADD', `${this.prefix}:metrics:series`, `${series}:${label}`, ''],
    ];
  }

  outcomeOps(outcome: string): MetricOp[] {
    return [['HINCRBY', `${this.prefix}:metrics:outcomes`, outcome, 1]];
  }

  /** One job of `stage` took `seconds` (series "stage"), or one document took that long end to end. */
  async observe(series: Series, label: string, seconds: number): Promise<void> {
    const p = this.redis.pipeline();
    this.observeCommands(p, series, label, seconds);
    await p.exec();
  }

  /** A document failed for good at `stage` (called once per failed document). */
  failureCommands(p: ReturnType<Redis['pipeline']>, stage: string): void {
    p.hincrby(`${this.prefix}:metrics:failures`, stage, 1);
  }

  async failure(stage: string): Promise<void> {
    await this.redis.hincrby(`${this.prefix}:metrics:failures`, stage, 1);
  }

  /** An attempt failed and will be retried. */
  async retried(stage: string): Promise<void> {
    await this.redis.hincrby(`${this.prefix}:metrics:retries`, stage, 1);
  }

  /** A document finished: its review's determination, or "failed". */
  outcomeCommands(p: ReturnType<Redis['pipeline']>, outcome: string): void {
    p.hincrby(`${this.prefix}:metrics:outcomes`, outcome, 1);
  }

  async histograms(): Promise<{ series: Series; label: string; buckets: Record<string, number>; count: number; sum: number }[]> {
    const names = (await this.redis.smembers(`${this.prefix}:metrics:series`)).sort();
    const p = this.redis.pipeline();
    const parsed = names.map((s) => s.split(':') as [Series, string]).filter(([k]) => k === 'stage' || k === 'document');
    for (const [k, l] of parsed) p.hgetall(this.key(k, l));
    const res = (await p.exec()) ?? [];
    return parsed.map(([series, label], i) => {
      const h = (res[i]?.[1] ?? {}) as Record<string, string>;
      const buckets: Record<string, number> = {};
      for (const b of DURATION_BUCKETS) buckets[String(b)] = Number(h[String(b)] ?? 0);
      return { series, label, buckets, count: Number(h.count ?? 0), sum: Number(h.sum ?? 0) };
    });
  }

  async hash(name: 'failures' | 'retries' | 'outcomes'): Promise<Record<string, number>> {
    const h = await this.redis.hgetall(`${this.prefix}:metrics:${name}`);
    return Object.fromEntries(Object.entries(h).map(([k, v]) => [k, Number(v)]));
  }

  /** A prom-client registry of the fleet-wide histograms and counters above (read at scrape time). */
  registry(extra?: (reg: Registry) => void): Registry {
    const reg = new Registry();
    for (const [series, name, help, label] of [
      ['stage', 'mednec_stage_duration_seconds', 'Time a worker spent on one job of a pipeline stage.', 'stage'],
      ['document', 'mednec_document_duration_seconds', 'Time from enqueue to published result (outcome="done") or final failure (outcome="failed").', 'outcome'],
    ] as const) {
      reg.registerMetric(new RedisHistogram(name, help, label, async () => (await this.histograms()).filter((h) => h.series === series)));
    }
    const counter = (name: string, help: string, label: string, source: 'failures' | 'retries' | 'outcomes') => new Counter({
      name, help, labelNames: [label], registers: [reg],
      collect: async function (this: Counter<string>) {
        const h = await self.hash(source);
        this.reset();
        for (const [k, n] of Object.entries(h).sort()) this.inc({ [label]: k }, n);
      },
    });
    const self = this;
    counter('mednec_stage_failures_total', 'Documents that failed for good, counted once at the stage where they failed.', 'stage', 'failures');
    counter('mednec_stage_retries_total', 'Job attempts that failed with a transient error and were retried.', 'stage', 'retries');
    counter('mednec_document_outcomes_total', 'Finished documents by outcome: the review determination, or "failed".', 'outcome', 'outcomes');
    extra?.(reg);
    return reg;
  }
}

type HistogramRow = { label: string; buckets: Record<string, number>; count: number; sum: number };

/**
 * A prom-client Histogram whose values are aggregated in Redis by every worker: `get()` returns
 * them in prom-client's metric-object shape (cumulative `_bucket`s, `_sum`, `_count`) and the
 * registry formats them like any other histogram.
 */
class RedisHistogram extends Histogram<string> {
  constructor(private readonly family: string, private readonly helpText: string, private readonly labelName: string,
    private readonly rows: () => Promise<HistogramRow[]>) {
    super({ name: family, help: helpText, labelNames: [labelName], buckets: DURATION_BUCKETS, registers: [] });
  }

  override async get(): Promise<MetricObjectWithValues<MetricValueWithName<string>>> {
    const values: MetricValueWithName<string>[] = [];
    for (const r of await this.rows()) {
      const labels = { [this.labelName]: r.label };
      let acc = 0;
      for (const b of DURATION_BUCKETS) {
        acc += r.buckets[String(b)] ?? 0;
        values.push({ metricName: `${this.family}_bucket`, labels: { ...labels, le: b }, value: acc });
      }
      values.push({ metricName: `${this.family}_bucket`, labels: { ...labels, le: '+Inf' }, value: r.count });
      values.push({ metricName: `${this.family}_sum`, labels, value: r.sum });
      values.push({ metricName: `${this.family}_count`, labels, value: r.count });
    }
    // (prom-client's typings declare `type` as an enum; at run time it is the family's type string.)
    return { name: this.family, help: this.helpText, type: 'histogram', values, aggregator: 'sum', collect: () => undefined } as unknown as MetricObjectWithValues<MetricValueWithName<string>>;
  }

  // The registry asks for this one when formatting text.
  async getForPromString(): Promise<MetricObjectWithValues<MetricValueWithName<string>>> {
    return this.get();
  }
}

export { Gauge, Registry };
