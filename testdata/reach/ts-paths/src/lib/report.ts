import { renderChart } from '@/lib/chart'

// sync helper without blocking calls of its own; it calls into chart.ts
export function buildReport(rows: number[]) {
  return { chart: renderChart(rows), total: rows.length }
}
