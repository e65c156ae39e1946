import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { buildFixture, measureBuild } from './build-fixture.ts'
import { budgetPath } from './fixtures.ts'

interface SizeBudget {
  phoneVerify: { gzipOverBaseline: number; initialGzipOverBaseline: number }
}

const budget = (JSON.parse(readFileSync(budgetPath, 'utf8')) as SizeBudget).phoneVerify

// The same production build and gzip level as `pnpm bench`, for our whole flow and the React floor only.
describe('size budget of <PhoneVerify> (size-budget.json)', () => {
  test('everything it ships, and what loads before first render, stays within the budget over React', async () => {
    const baseline = measureBuild(await buildFixture('baseline', { outName: 'budget/baseline' }))
    const oursDir = await buildFixture('phoneVerify', { outName: 'budget/phoneVerify' })
    const ours = measureBuild(oursDir)
    const over = ours.gzip - baseline.gzip
    const initialOver = ours.initialGzip - baseline.initialGzip
    // A build that lost the component (a broken import, everything tree-shaken away) would pass any budget.
    const scripts = ours.files.filter((file) => file.file.endsWith('.js'))
    const shippedJs = scripts.map((file) => readFileSync(join(oursDir, file.file), 'utf8')).join('\n')
    expect(shippedJs).toContain('phone-verify')
    expect(ours.files.some((file) => file.file.endsWith('.css'))).toBe(true)
    expect(over).toBeGreaterThan(0)
    const files = ours.files.map((file) => `${file.file} ${file.gzip} B${file.initial ? ' (initial)' : ''}`).join(', ')

    expect(over, `gzipOverBaseline is ${over} B, budget ${budget.gzipOverBaseline} B; files: ${files}`).toBeLessThanOrEqual(
      budget.gzipOverBaseline,
    )
    expect(
      initialOver,
      `initialGzipOverBaseline is ${initialOver} B, budget ${budget.initialGzipOverBaseline} B; files: ${files}`,
    ).toBeLessThanOrEqual(budget.initialGzipOverBaseline)
  }, 120_000)
})
