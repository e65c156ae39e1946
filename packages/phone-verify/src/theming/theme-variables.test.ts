// @vitest-environment node
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { themeVariables } from './theme-variables'

const stylesheet = readFileSync(new URL('../styles.css', import.meta.url), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '')
const page = readFileSync(new URL('./theming.mdx', import.meta.url), 'utf8')

/** The innermost rules of the stylesheet (those inside `@media` too): selector and body. */
const rules = [...stylesheet.matchAll(/([^{}]+)\{([^{}]*)\}/g)].map(([, selector = '', body = '']) => ({
  selector: selector.replace(/\s+/g, ' ').trim(),
  body,
}))

function declarationsOf(selector: string): Map<string, string> {
  const rule = rules.find((candidate) => candidate.selector === selector)
  if (!rule) throw new Error(`styles.css has no rule for ${selector}`)
  return new Map(
    [...rule.body.matchAll(/(--otpflow-[a-z0-9-]+)\s*:\s*([^;]+);/g)].map(([, name = '', value = '']) => [name, value.trim()]),
  )
}

const light = declarationsOf(':where(:root), :where([data-theme="light"])')
const dark = declarationsOf(':where([data-theme="dark"])')
const darkBySystem = declarationsOf(':where(:root:not([data-theme="light"]))')
const named = new Set(stylesheet.match(/--otpflow-[a-z][a-z0-9-]*/g))
const listed = new Map(themeVariables.map((variable) => [variable.name, variable]))

describe('the theming page', () => {
  it('lists every --otpflow-* variable the stylesheet names, and no other', () => {
    expect(named.size).toBeGreaterThan(20)
    expect([...listed.keys()].sort()).toEqual([...named].sort())
  })

  it("gives each variable the stylesheet's light default", () => {
    for (const [name, value] of light) expect({ name, light: listed.get(name as never)?.light }).toEqual({ name, light: value })
    for (const variable of themeVariables) if (variable.light !== undefined) expect(light.has(variable.name)).toBe(true)
  })

  it("gives each variable the stylesheet's dark default, and none where dark keeps the light one", () => {
    for (const [name, value] of dark) expect({ name, dark: listed.get(name as never)?.dark }).toEqual({ name, dark: value })
    for (const variable of themeVariables) if (variable.dark !== undefined) expect(dark.has(variable.name)).toBe(true)
    // The same dark values whichever way dark is asked for: data-theme="dark", or the system's preference.
    expect(Object.fromEntries(darkBySystem)).toEqual(Object.fromEntries(dark))
  })

  it('says who sets a variable the stylesheet reads but does not define', () => {
    for (const variable of themeVariables) {
      if (!light.has(variable.name))
        expect({ name: variable.name, setBy: variable.setBy }).toEqual({ name: variable.name, setBy: expect.any(String) })
    }
  })

  it('draws its table from this list', () => {
    expect(page).toContain("import { themeVariables } from './theme-variables'")
    expect(page).toContain('themeVariables.map(')
  })
})
