import { readFileSync } from 'node:fs'
import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { createOtpClient } from './client'

/*
 * The client's bodies checked against Ding's own OpenAPI document with a JSON-Schema validator,
 * and the document's examples parsed by the client.
 */
const specPath = new URL('../spec/ding-openapi.yaml', import.meta.url)
const spec = parse(readFileSync(specPath, 'utf8')) as {
  components: {
    schemas: Record<string, { properties?: Record<string, { examples?: unknown[]; format?: string; type?: string }> }>
  }
}

const ajv = new Ajv2020({ strict: false, allErrors: true })
// ajv-formats is CommonJS; its default export arrives as the module object under some loaders.
const applyFormats = ((addFormats as unknown as { default?: typeof addFormats }).default ?? addFormats) as typeof addFormats
applyFormats(ajv)
ajv.addFormat('phone_number', /^\+[1-9]\d{1,14}$/)

/** The spec's schema with undeclared fields forbidden, so a misspelt field in our body fails too. */
function requestValidator(name: string) {
  const schema = structuredClone(spec.components.schemas[name])
  if (!schema) throw new Error(`no schema ${name}`)
  return ajv.compile({ ...schema, additionalProperties: false })
}

const CUSTOMER = 'c2a6a2a5-9f5e-4c0c-9c3f-3b1f7c5f0d11'
const UUID = '3c90c3cc-0d44-4b50-8888-8dd25736052a'

function capture() {
  const bodies: unknown[] = []
  const fetch = (async (_url: RequestInfo | URL, init?: RequestInit) => {
    bodies.push(JSON.parse(String(init?.body)))
    return new Response(JSON.stringify({ authentication_uuid: UUID, status: 'pending', uuid: UUID }), { status: 200 })
  }) as typeof globalThis.fetch
  return { bodies, client: createOtpClient({ apiKey: 'k', customerUuid: CUSTOMER, fetch }) }
}

describe('request bodies validate against the OpenAPI request schemas', () => {
  it('createAuthentication with every optional field', async () => {
    const { bodies, client } = capture()
    await client.createAuthentication({
      phoneNumber: '+14155552671',
      ip: '203.0.113.7',
      deviceId: 'device-1',
      deviceType: 'ANDROID',
      appVersion: '1.2.3',
      callbackUrl: 'https://example.com/hooks/otp',
      appRealm: 'realm',
      osVersion: '14',
      deviceModel: 'Pixel 8',
      isReturningUser: false,
      templateId: 'tpl',
      correlationId: 'corr',
    })
    const validate = requestValidator('CreateAuthenticationRequest')
    expect(validate(bodies[0]), JSON.stringify(validate.errors)).toBe(true)
  })

  it('createAuthentication with only the phone number', async () => {
    const { bodies, client } = capture()
    await client.createAuthentication({ phoneNumber: '+447700900123' })
    const validate = requestValidator('CreateAuthenticationRequest')
    expect(validate(bodies[0]), JSON.stringify(validate.errors)).toBe(true)
  })

  it('check', async () => {
    const { bodies, client } = capture()
    await client.check({ authenticationUuid: UUID, checkCode: '123456' })
    const validate = requestValidator('CreateCheckRequest')
    expect(validate(bodies[0]), JSON.stringify(validate.errors)).toBe(true)
  })

  it('retry', async () => {
    const { bodies, client } = capture()
    await client.retry({ authenticationUuid: UUID })
    const validate = requestValidator('RetryAuthenticationRequest')
    expect(validate(bodies[0]), JSON.stringify(validate.errors)).toBe(true)
  })

  it('feedback', async () => {
    const { bodies, client } = capture()
    await client.feedback({ phoneNumber: '+14155552671', status: 'not_onboarded' })
    const validate = requestValidator('FeedbackRequest')
    expect(validate(bodies[0]), JSON.stringify(validate.errors)).toBe(true)
  })

  it('a body missing customer_uuid fails the same validator (the check can fail)', () => {
    const validate = requestValidator('CreateCheckRequest')
    expect(validate({ authentication_uuid: UUID, check_code: '1' })).toBe(false)
  })
})

/** An example answer built from the examples the spec gives on each field (date-time fields get a fixed instant). */
function exampleOf(name: string): Record<string, unknown> {
  const schema = spec.components.schemas[name]
  const example: Record<string, unknown> = {}
  for (const [field, property] of Object.entries(schema?.properties ?? {})) {
    if (property.examples?.length) example[field] = property.examples[0]
    else if (property.format === 'date-time') example[field] = '2023-11-07T05:31:56Z'
    else if (property.format === 'uuid') example[field] = UUID
  }
  return example
}

function answering(body: unknown) {
  return createOtpClient({
    apiKey: 'k',
    customerUuid: CUSTOMER,
    fetch: (async () => new Response(JSON.stringify(body), { status: 200 })) as typeof fetch,
  })
}

describe('documented response examples parse', () => {
  it.each([
    [
      'CreateAuthenticationResponse',
      (c: ReturnType<typeof createOtpClient>) => c.createAuthentication({ phoneNumber: '+14155552671' }),
    ],
    [
      'CreateCheckResponse',
      (c: ReturnType<typeof createOtpClient>) => c.check({ authenticationUuid: UUID, checkCode: '123456' }),
    ],
    ['RetryAuthenticationResponse', (c: ReturnType<typeof createOtpClient>) => c.retry({ authenticationUuid: UUID })],
    [
      'FeedbackResponse',
      (c: ReturnType<typeof createOtpClient>) => c.feedback({ phoneNumber: '+14155552671', status: 'onboarded' }),
    ],
    ['LookupResponse', (c: ReturnType<typeof createOtpClient>) => c.lookup('+14155552671')],
  ] as const)('%s', async (name, call) => {
    const example = exampleOf(name)
    const validate = ajv.compile(spec.components.schemas[name] ?? {})
    expect(validate(example), JSON.stringify(validate.errors)).toBe(true)
    const result = (await call(answering(example))) as Record<string, unknown>
    if ('status' in example) expect(result.status).toBe(example.status)
    for (const [field, value] of Object.entries(example)) {
      const camel = field.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase())
      const parsed = result[camel]
      if (parsed instanceof Date) expect(parsed.toISOString()).toBe(new Date(String(value)).toISOString())
      else if (field === 'status') expect(result.rawStatus).toBe(value)
      else expect(parsed).toEqual(value)
    }
  })

  it('the retry example from the V1 documentation', async () => {
    const body = {
      authentication_uuid: UUID,
      status: 'approved',
      created_at: '2023-11-07T05:31:56Z',
      next_retry_at: '2023-11-07T05:31:56Z',
      remaining_retry: 3,
    }
    await expect(answering(body).retry({ authenticationUuid: UUID })).resolves.toMatchObject({
      status: 'approved',
      remainingRetry: 3,
      nextRetryAt: new Date('2023-11-07T05:31:56Z'),
    })
  })
})
