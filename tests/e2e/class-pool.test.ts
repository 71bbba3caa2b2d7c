/**
 * Pool a class, in Chromium: three pages on one class link with student numbers 0, 1 and 2
 * each train a tiny comparison (2 methods, 2 steps, wasm) on their own seed and press "Share
 * my result"; a fourth page, opened from one student's share link, takes the other codes
 * pasted in, a duplicate and a forged code among them. It must pool exactly three seeds, with
 * the mean ± 90% interval the students' own numbers give, count the duplicate once and refuse
 * the forged code as forged-looking.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { hasChromium, openBrowser, type Opened } from '../../src/cli/chromium';
import { axeSerious } from './page-helpers';
import { trainOneStep } from './user-run';

const baseUrl = inject('baseUrl');
// A random-init tiny ViT on a small subset: seconds a run. seeds=1: student k runs seed 3 + k.
const LINK =
  '#model=random&arch=vit&size=tiny&bench=style&seed=3&seeds=1&per_class=4&val_per_class=2&ood_per_class=2&classes=&steps=2&batch=8&methods=sgd,adamw&augment=false';

interface Shared {
  code: string;
  link: string;
  /** The page's own best-ID accuracies, method -> [id, ood], from its store. */
  own: Record<string, [number, number]>;
}

type Win = {
  __ftp: {
    store: {
      getState: () => {
        methods: Record<
          string,
          { done?: { best: { id: { accuracy: number }; ood: { accuracy: number } } | null } }
        >;
      };
    };
  };
};

async function studentShares(page: Page, student: number): Promise<Shared> {
  await page.goto(`${baseUrl}?test&backend=wasm${LINK}&student=${student}`);
  await page.waitForFunction(() => Boolean((window as unknown as { __ftp?: unknown }).__ftp));
  expect(await trainOneStep(page, 240_000)).toMatch(/^finished/);
  // The results table follows the store once a second: wait for both methods' headline.
  await page.waitForSelector('[data-testid=results-pooled] td[data-method=adamw][data-n="1"]', {
    timeout: 30_000,
  });
  await page.waitForSelector('[data-testid=results-pooled] td[data-method=sgd][data-n="1"]', {
    timeout: 30_000,
  });
  // The one-seed best-ID row sits right under the headline (default-lesson.test.ts and the lesson bench read it so).
  const best = await page.$$eval('[data-testid=results] tbody tr.pooled-row + tr', (trs) =>
    trs.map((tr) => tr.querySelector('th')?.textContent ?? ''),
  );
  expect(best).toEqual([expect.stringMatching(/best ID$/)]);
  await page.click('[data-testid=share-result-button]');
  await page.waitForSelector('[data-testid=share-code], [data-testid=share-result] [role=status]');
  const said = await page.textContent('[data-testid=share-result]');
  expect(said, 'the share result').toMatch(/give your teacher this code/);
  const code = await page.inputValue('[data-testid=share-code]');
  const link = (await page.getAttribute('[data-testid=share-link]', 'href')) ?? '';
  const own = await page.evaluate(() => {
    const methods = (window as unknown as Win).__ftp.store.getState().methods;
    return Object.fromEntries(
      Object.entries(methods).map(([id, m]) => [
        id,
        [m.done?.best?.id.accuracy ?? NaN, m.done?.best?.ood.accuracy ?? NaN],
      ]),
    );
  });
  return { code, link, own: own as Record<string, [number, number]> };
}

/** "72.0 ± 3.4" as the page writes a mean over 3 values (t = 2.92), each rounded as a code stores it. */
function expectedMean(xs: number[]): string {
  const v = xs.map((x) => Math.round(x * 10000) / 100);
  const mean = v.reduce((a, b) => a + b, 0) / v.length;
  const sd = Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / (v.length - 1));
  return `${mean.toFixed(1)} ± ${((2.92 * sd) / Math.sqrt(v.length)).toFixed(1)}`;
}

describe.skipIf(!hasChromium)('pool a class', () => {
  let b: Opened;
  beforeAll(async () => {
    b = await openBrowser({ webgpu: false });
  });
  afterAll(async () => b?.close());

  it(
    'three students pool into a fourth page; a duplicate counts once; a forged code is refused',
    { timeout: 900_000 },
    async () => {
      const shared: Shared[] = [];
      for (const student of [0, 1, 2]) {
        const page = student === 0 ? b.page : await b.context.newPage();
        shared.push(await studentShares(page, student));
      }
      const [s0, s1, s2] = shared as [Shared, Shared, Shared];
      expect(new Set(shared.map((s) => s.code)).size, 'three students, three different codes').toBe(
        3,
      );
      expect(s2.link).toContain(`&pool=${s2.code}`);
      // A student's page with its pooled headline, paired differences, dot plot and code: accessible.
      expect(await axeSerious(b.page)).toEqual([]);

      // The teacher opens student 2's link (it carries the class settings and the code) and pastes the rest.
      const teacher = await b.context.newPage();
      await teacher.goto(s2.link);
      await teacher.waitForSelector('[data-testid=pool-input]');
      expect((await teacher.inputValue('[data-testid=pool-input]')).trim()).toBe(s2.code);
      const j = s0.code.length - 6;
      const forged = s0.code.slice(0, j) + (s0.code[j] === 'A' ? 'B' : 'A') + s0.code.slice(j + 1);
      await teacher.fill(
        '[data-testid=pool-input]',
        [s2.code, s0.code, s1.code, s1.code, forged].join('\n'),
      );

      const verdicts = await teacher.$$eval('[data-testid=pool-verdicts] li', (lis) =>
        lis.map((li) => ({
          accepted: li.getAttribute('data-accepted') === 'true',
          text: li.textContent ?? '',
        })),
      );
      expect(verdicts.map((v) => v.accepted)).toEqual([true, true, true, true, false]);
      expect(verdicts[0]?.text).toContain('added seed 5');
      expect(verdicts[1]?.text).toContain('added seed 3');
      expect(verdicts[2]?.text).toContain('added seed 4');
      expect(verdicts[3]?.text).toMatch(
        /added no new seed; already pooled with the same result, counted once: 4 sgd, 4 adamw/,
      );
      expect(verdicts[4]?.text).toMatch(/refused: its checksum does not match.*forged-looking/);

      const cell = (id: string) =>
        teacher.$eval(`[data-testid=pooled-table] td[data-method=${id}]`, (td) => ({
          n: td.getAttribute('data-n'),
          ood: td.querySelector('[data-testid=pooled-ood]')?.textContent ?? '',
        }));
      for (const id of ['sgd', 'adamw']) {
        const c = await cell(id);
        expect(c.n, `${id}: three seeds, the duplicate counted once`).toBe('3');
        expect(c.ood, `${id}: the students' own numbers, pooled`).toBe(
          expectedMean(shared.map((s) => (s.own[id] as [number, number])[1])),
        );
      }
      const ahead = shared.filter(
        (s) =>
          Math.round((s.own.adamw as [number, number])[1] * 1e4) >
          Math.round((s.own.sgd as [number, number])[1] * 1e4),
      ).length;
      const pair = await teacher.$eval('[data-testid=class-pool] [data-pair=adamw-sgd]', (li) => ({
        n: li.getAttribute('data-n'),
        ahead: li.getAttribute('data-ahead'),
        text: li.textContent ?? '',
      }));
      expect(pair).toMatchObject({ n: '3', ahead: String(ahead) });
      expect(pair.text).toContain(`AdamW ahead on ${ahead} of 3 seeds`);
      expect(
        await teacher
          .locator('[data-testid=class-pool] [data-testid=seed-dots]')
          .getAttribute('data-dots'),
      ).toBe('6');
      // The dot plot is drawn (recharts loads lazily): 6 seed dots and 2 means.
      await teacher.waitForSelector(
        '[data-testid=class-pool] [data-testid=seed-dots] .recharts-scatter-symbol',
        { timeout: 30_000 },
      );
      expect(
        await teacher
          .locator('[data-testid=class-pool] [data-testid=seed-dots] .recharts-scatter-symbol')
          .count(),
      ).toBe(8);
      expect(await axeSerious(teacher)).toEqual([]);

      // The pasted list lives in the teacher's link: a reload keeps every code, and the verdicts.
      expect(teacher.url()).toContain(
        `pool=${[s2.code, s0.code, s1.code, s1.code, forged].join(',')}`,
      );
      await teacher.reload();
      await teacher.waitForSelector('[data-testid=pool-verdicts] li');
      expect((await teacher.inputValue('[data-testid=pool-input]')).split('\n')).toEqual([
        s2.code,
        s0.code,
        s1.code,
        s1.code,
        forged,
      ]);
      expect(await teacher.locator('[data-testid=pool-verdicts] li').count()).toBe(5);
    },
  );
});
