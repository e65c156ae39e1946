import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { checkStep, latestCode, openDemoPerTest, type RunningDemo } from './harness'

// The sandbox inbox stands in for the phone: it must show the code of the number on screen, also when the flow
// resumes a code step without sending anything (a reload, "change number" and back).

const first = { e164: '+447700900123', shown: '+44 7700 900123' }
const second = { e164: '+447700900456', shown: '+44 7700 900456' }

let demo: RunningDemo
let page: Page

openDemoPerTest((opened) => {
  ;({ demo, page } = opened)
})

async function outboxSize(phoneNumber: string): Promise<number> {
  const response = await fetch(`${demo.url}/api/otp/sandbox/outbox?phone_number=${encodeURIComponent(phoneNumber)}`)
  return ((await response.json()) as { messages: unknown[] }).messages.length
}

/** What the inbox shows now: the number and the code, or nulls. */
const inbox = () =>
  page.evaluate(() => ({
    number: document.querySelector('[data-testid="sandbox-number"]')?.textContent ?? null,
    code: document.querySelector('[data-testid="sandbox-code"]')?.textContent ?? null,
  }))

/**
 * Records every state of the inbox's live region from now on, as a screen reader would hear it change: each entry is
 * the number and the code shown together at that moment.
 */
async function recordInbox(): Promise<void> {
  await page.getByTestId('sandbox-inbox').waitFor()
  await page.evaluate(() => {
    const region = document.querySelector('[data-testid="sandbox-inbox"] [aria-live]')
    if (!region) throw new Error('the inbox has no live region')
    const seen: { number: string | null; code: string | null }[] = []
    const read = () =>
      seen.push({
        number: region.querySelector('[data-testid="sandbox-number"]')?.textContent ?? null,
        code: region.querySelector('[data-testid="sandbox-code"]')?.textContent ?? null,
      })
    new MutationObserver(read).observe(region, { childList: true, subtree: true, characterData: true })
    ;(window as unknown as { inboxStates: typeof seen }).inboxStates = seen
  })
}

const recordedStates = () =>
  page.evaluate(() => (window as unknown as { inboxStates: { number: string | null; code: string | null }[] }).inboxStates)

/** Every page drives the same scenario with its own controls. */
interface PageDriver {
  path: string
  enterAndSend(typed: string): Promise<void>
  changeNumber(): Promise<void>
}

const signupPage: PageDriver = {
  path: '/',
  enterAndSend: async (typed) => {
    const field = page.getByLabel('Phone number', { exact: true })
    await field.fill('')
    await field.pressSequentially(typed)
    await page.getByRole('button', { name: 'Send code' }).click()
    await page.getByLabel('Verification code', { exact: true }).waitFor()
  },
  changeNumber: async () => {
    await page.getByRole('button', { name: 'Change number' }).click()
    await page.getByLabel('Phone number', { exact: true }).waitFor()
  },
}

const customPage: PageDriver = {
  path: '/custom',
  enterAndSend: async (typed) => {
    await page.getByLabel('Mobile number, with country code').fill(typed)
    await page.getByRole('button', { name: 'Text me a code' }).click()
    await page.getByLabel(/Code sent to/).waitFor()
  },
  changeNumber: async () => {
    await page.getByRole('button', { name: 'Use another number' }).click()
    await page.getByLabel('Mobile number, with country code').waitFor()
  },
}

describe.each([
  ['the signup page', signupPage],
  ['the custom page', customPage],
])('the sandbox inbox on %s', (name, driver) => {
  it('shows the code of the number on screen after "change number" and back, and never one under another number', async () => {
    await page.goto(`${demo.url}${driver.path}`)
    await recordInbox()

    await driver.enterAndSend(first.shown)
    const firstCode = await latestCode(demo, first.e164)
    await expect.poll(inbox).toEqual({ number: first.shown, code: firstCode })

    // Back on the number step, the inbox shows no code: there is no code step to type it in.
    await driver.changeNumber()
    await expect.poll(inbox).toEqual({ number: null, code: null })

    await driver.enterAndSend(second.shown)
    const secondCode = await latestCode(demo, second.e164)
    await expect.poll(inbox).toEqual({ number: second.shown, code: secondCode })

    // The first number again: the flow resumes its code step, and no new code is sent.
    await driver.changeNumber()
    await driver.enterAndSend(first.shown)
    expect(await outboxSize(first.e164)).toBe(1)
    await expect.poll(inbox).toEqual({ number: first.shown, code: firstCode })
    await checkStep(page, `inbox-${driver.path === '/' ? 'signup' : 'custom'}-resumed`)

    // At no moment did the live region pair a code with a number it was not sent to.
    const codeOf: Record<string, string> = { [first.shown]: firstCode, [second.shown]: secondCode }
    const states = await recordedStates()
    expect(states.length, `${name}: the inbox changed`).toBeGreaterThan(0)
    for (const state of states) {
      if (state.code === null) continue
      expect(state, 'a code announced under another number').toEqual({ number: state.number, code: codeOf[state.number ?? ''] })
    }
  })

  it('shows the code again after a reload in the code step', async () => {
    await page.goto(`${demo.url}${driver.path}`)
    await driver.enterAndSend(first.shown)
    const code = await latestCode(demo, first.e164)
    await expect.poll(inbox).toEqual({ number: first.shown, code })
    await page.reload()
    await expect.poll(inbox).toEqual({ number: first.shown, code })
  })
})
