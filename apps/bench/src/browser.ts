import { existsSync } from 'node:fs'
import { type Browser, chromium } from 'playwright-core'
import { chromiumArgs, chromiumPath } from '../../../vitest.shared.ts'

/** Whether the Chromium the project drives is installed here (the browser parts are skipped without it). */
export const hasChromium = () => existsSync(chromiumPath)

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, args: chromiumArgs, headless: true })
}
