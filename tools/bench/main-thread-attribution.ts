/**
 * The probe's reading (main-thread-probe.ts): for each main-thread task over a CPU threshold,
 * the figures it changed and the functions its CPU-profile samples fell in. All times are the
 * trace's µs clock.
 */

/** A main-thread task: start µs, wall and CPU ms. */
export interface Task {
  ts: number;
  wall: number;
  cpu: number;
  /** The timeline's events inside it, wall ms by name (nested ones counted in each). */
  parts?: Map<string, number>;
}

/** A DOM change: when (µs) and which figure (data-chart or data-testid). */
export interface Mutation {
  t: number;
  who: string;
}

/** The DevTools protocol's CPU profile (Profiler.stop). */
export interface Profile {
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string };
    children?: number[];
  }[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

const top = (m: Map<string, number>, n: number, per: number): string =>
  [...m.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, v]) => `${k} ${((v * per) / 1000).toFixed(1)}`)
    .join(', ');

const bump = (m: Map<string, number>, k: string): void => {
  m.set(k, (m.get(k) ?? 0) + 1);
};

/** Sample times (µs) and, per sample, its leaf's name and the components on its stack. */
function sampleStacks(p: Profile): { ts: number; leaf: string; comps: string[]; entry: string }[] {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const file = (u: string): string => u.slice(u.lastIndexOf('/') + 1).replace(/-[\w-]{8}\./, '.');
  const out: { ts: number; leaf: string; comps: string[]; entry: string }[] = [];
  let ts = p.startTime;
  p.samples.forEach((id, i) => {
    ts += p.timeDeltas[i] ?? 0;
    const leaf = byId.get(id);
    if (!leaf) return;
    const comps: string[] = [];
    let entry = '';
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const frame = byId.get(cur)?.callFrame;
      const f = frame?.functionName ?? '';
      if (/^[A-Z][A-Za-z0-9]+$/.test(f) && !comps.includes(f)) comps.push(f);
      // The outermost JS frame: who the task called (a timer, a frame callback, a message...).
      if (frame && f !== '(root)') entry = `${f || '(anonymous)'}@${file(frame.url)}`;
    }
    const name = leaf.callFrame.functionName || '(anonymous)';
    out.push({ ts, leaf: `${name}@${file(leaf.callFrame.url)}`, comps, entry });
  });
  return out;
}

/** One line per task over `over` ms of CPU, then a summary line. */
export function attribute(
  tasks: Task[],
  profile: Profile,
  muts: Mutation[],
  over: number,
): string[] {
  const samples = sampleStacks(profile);
  const per =
    samples.length > 1 ? ((samples.at(-1)?.ts ?? 0) - (samples[0]?.ts ?? 0)) / samples.length : 250;
  const t0 = tasks[0]?.ts ?? 0;
  const lines: string[] = [];
  for (const t of tasks.filter((x) => x.cpu > over)) {
    const end = t.ts + t.wall * 1000;
    const self = new Map<string, number>();
    const comps = new Map<string, number>();
    const entries = new Map<string, number>();
    for (const s of samples.filter((x) => x.ts >= t.ts && x.ts <= end)) {
      bump(self, s.leaf);
      bump(entries, s.entry);
      for (const c of s.comps) bump(comps, c);
    }
    const who = new Map<string, number>();
    for (const m of muts.filter((x) => x.t >= t.ts - 2000 && x.t <= end + 2000)) bump(who, m.who);
    lines.push(
      `${((t.ts - t0) / 1e6).toFixed(1)} s: cpu ${t.cpu.toFixed(0)} ms, wall ${t.wall.toFixed(0)} ms | changed: ${[...who.keys()].join(', ') || '-'}\n  timeline: ${top(t.parts ?? new Map(), 8, 1000)}\n  entered by: ${top(entries, 4, per)}\n  components: ${top(comps, 12, per)}\n  self: ${top(self, 8, per)}`,
    );
  }
  const cpu = tasks.map((t) => t.cpu);
  lines.push(
    `${tasks.length} tasks, ${(cpu.reduce((a, b) => a + b, 0) / 1000).toFixed(1)} s of CPU, longest ${Math.max(...cpu).toFixed(0)} ms, ${cpu.filter((c) => c > 50).length} over 50 ms, ${cpu.filter((c) => c > over).length} over ${over} ms`,
  );
  return lines;
}
