import { execFileSync } from 'child_process'

// two hops across files: handler → buildReport() (report.ts) → renderChart()
export function renderChart(data: number[]) {
  return execFileSync('gnuplot', ['-e', data.join(',')]) // want RT104 "through buildReport\(\) → renderChart\(\);.*\n.*routes\.ts:\d+: .*\n.*report\.ts:\d+: buildReport\(\) calls renderChart\(\)"
}
