/** Tick values 0, step, 2·step … max (rounded to kill floating noise such as 0.30000000000000004). */
export function buildChartTicks(max: number, step: number): number[] {
  const out: number[] = [];
  if (!(step > 0) || !(max > 0)) return [0];
  for (let i = 0; i * step <= max + step / 1e6; i++) out.push(Number((i * step).toPrecision(12)));
  return out;
}
