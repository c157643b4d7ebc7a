declare module 'parse-prometheus-text-format' {
  /** prom2json-shaped families: one per metric name. Histograms carry buckets/count/sum per sample. */
  export interface ParsedSample {
    labels?: Record<string, string>;
    value?: string;
    buckets?: Record<string, string>;
    count?: string;
    sum?: string;
  }
  export interface ParsedFamily { name: string; help: string; type: string; metrics: ParsedSample[] }
  export default function parsePrometheusTextFormat(text: string): ParsedFamily[];
}
