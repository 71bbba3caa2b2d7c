/**
 * npm run bench -- --lesson [--backends cpu,webgl,webgpu] [--lesson-steps N] [--lesson-preset full-run]
 *
 * The default lesson as a class runs it: the built app in Debian's Chromium, the page opened
 * without a link (the classroom preset), "Run the paper's comparison" clicked, wall time from
 * the click to the end of the run, then the results table as the page shows it. With
 * --lesson-steps N the run is cut after N steps per method and the whole comparison's time is
 * extrapolated from the measured steps per second (for slow software backends); the table is
 * then not a result. On this machine WebGPU and WebGL run on SwiftShader (software).
 * With --lesson-preset full-run the page's "Full run (acquisition, strength 1)" button is pressed
 * first (src/presets/paper-gap.ts: every class, batch 64, 6 epochs): the run a class would need
 * if the short lesson cannot show AdamW's lead.
 */
import { preview } from 'vite';
import { stepsPerEpoch } from '../core/train/run';
import { CLASSROOM_PRESET, type ClassroomPreset } from '../presets/classroom';
import { PAPER_GAP_PRESET } from '../presets/paper-gap';
import type { BackendName } from '../protocol/messages';
import { buildSite, TEST_SITE_DIR } from './build-site';
import { hasChromium, openBrowser } from './chromium';

interface LessonRow {
  backend: BackendName;
  actual: string;
  steps: number;
  totalSteps: number;
  wallS: number;
  /** Extrapolated to the whole comparison when the run was cut. */
  fullS: number;
  cells: Record<string, string>;
}

export type LessonPreset = 'classroom' | 'full-run';

/** The preset's steps per method (an empty class list: the benchmark's ten classes). */
const stepsOf = (p: ClassroomPreset): number => stepsPerEpoch((p.data.classes.length || 10) * p.data.trainPerClass, p.batchSize) * p.epochs;

export async function benchLesson(opts: { backends: BackendName[]; cutSteps?: number; noCharts?: boolean; preset?: LessonPreset }): Promise<LessonRow[]> {
  const preset = opts.preset === 'full-run' ? PAPER_GAP_PRESET : CLASSROOM_PRESET;
  if (!hasChromium) throw new Error('the lesson bench needs Chromium at /usr/bin/chromium (apt-get install -y chromium)');
  // The page is driven through the ?test hook: a build with it, never the deployed dist/.
  buildSite({ outDir: TEST_SITE_DIR, testHooks: true });
  const server = await preview({ build: { outDir: TEST_SITE_DIR }, preview: { port: 0, host: '127.0.0.1' }, logLevel: 'warn' });
  const url = server.resolvedUrls?.local[0] as string;
  const rows: LessonRow[] = [];
  try {
    for (const backend of opts.backends) {
      const b = await openBrowser({ webgpu: true, webgl: true });
      try {
        const query = `?test&backend=${backend}${opts.cutSteps ? `#steps=${opts.cutSteps}` : ''}`;
        await b.page.goto(`${url}${query}`);
        await b.page.waitForFunction(() => Boolean((window as unknown as { __ftp?: unknown }).__ftp));
        await b.page.waitForSelector('[data-backend]', { timeout: 120_000 });
        const actual = (await b.page.getAttribute('[data-backend]', 'data-backend')) ?? '?';
        await b.page.evaluate(() => {
          const w = window as unknown as { __ftp: { client: { on: (f: (e: unknown) => void) => void } }; __lesson: { type: string; progress?: { step: number; totalSteps: number } }[] };
          w.__lesson = [];
          w.__ftp.client.on((e) => w.__lesson.push(e as { type: string }));
        });
        process.stderr.write(`  lesson bench: ${backend} (${actual}), ${opts.preset === 'full-run' ? '"Full run", then Train' : `"Run the paper's comparison"`}\n`);
        // The live charts cost main-thread time while a run streams; measure with them off too.
        if (opts.noCharts) await b.page.getByLabel('show live charts').uncheck();
        // The full run: its button sets the paper's four methods at its own rates, and Train runs
        // them as they are ("Run the paper's comparison" would put the default rates back).
        if (opts.preset === 'full-run') await b.page.click('[data-testid=preset-paper-gap]');
        const t0 = Date.now();
        await b.page.click(opts.preset === 'full-run' ? '[data-testid=train]' : '[data-testid=paper]');
        await b.page.waitForFunction(() => (window as unknown as { __lesson: { type: string }[] }).__lesson.some((e) => e.type === 'run-done' || e.type === 'crashed'), undefined, { timeout: 3_600_000, polling: 1000 });
        const wallS = (Date.now() - t0) / 1000;
        const last = await b.page.evaluate(() => {
          const ev = (window as unknown as { __lesson: { type: string; progress?: { step: number; totalSteps: number; methods: number } }[] }).__lesson;
          return [...ev].reverse().find((e) => e.type === 'metrics')?.progress ?? null;
        });
        await b.page.waitForTimeout(1500); // the results table follows the store once a second
        const cells = await b.page.$$eval('[data-testid=results] tbody tr.pooled-row + tr td', (tds) => Object.fromEntries(tds.map((td) => [td.getAttribute('data-method') ?? '?', (td.textContent ?? '').trim()])));
        const steps = last?.step ?? 0;
        // The whole comparison when cut: every method's steps cost alike in lockstep.
        const full = opts.cutSteps ? stepsOf(preset) : steps;
        rows.push({ backend, actual, steps, totalSteps: full, wallS, fullS: steps ? (wallS * full) / steps : wallS, cells });
      } finally {
        await b.close();
      }
    }
  } finally {
    await new Promise<void>((res) => server.httpServer.close(() => res()));
  }
  console.log(`\n## ${opts.preset === 'full-run' ? 'The full run' : 'The default lesson'} in Chromium ("Run the paper's comparison", ${opts.preset ?? 'classroom'} preset)\n`);
  console.log('| backend asked | backend used | steps per method | wall s | whole comparison s | results (best ID: OOD [ID]) |');
  console.log('|---|---|---|---|---|---|');
  for (const r of rows) {
    const res = opts.cutSteps ? `(cut at ${r.steps} steps: no result)` : Object.entries(r.cells).map(([m, v]) => `${m} ${v}`).join('; ');
    console.log(`| ${r.backend} | ${r.actual} | ${r.steps}${opts.cutSteps ? ` of ${r.totalSteps}` : ''} | ${r.wallS.toFixed(0)} | ${r.fullS.toFixed(0)}${opts.cutSteps ? ' (extrapolated)' : ''} | ${res} |`);
  }
  return rows;
}
