import { createHash } from 'node:crypto'
import { createClient } from 'redis'
import { parseRedisUrl, shownRedisUrl } from './redis-url'
import type { Store, StoreCounter } from './store'
import { StoreUnavailableError } from './store-errors'

/**
 * What the store needs of a node-redis client: `createClient()` from `redis` (v5 or later) gives one. A cluster client
 * (`createCluster`) is not supported.
 */
export interface RedisClientLike {
  readonly isOpen: boolean
  readonly isReady: boolean
  connect(): Promise<unknown>
  sendCommand(args: string[], options?: { timeout?: number }): Promise<unknown>
  on(event: 'ready' | 'error', listener: (error: Error) => void): unknown
  close(): Promise<unknown>
  destroy(): void
}

/** Where the store finds Redis: a URL (the store opens and owns its connection) or a client you created. */
export type RedisStoreTarget =
  | {
      /** `redis://[[user]:password@]host[:port][/db]`, or `rediss://…` for TLS; usually `process.env.REDIS_URL`. */
      url: string
      client?: never
    }
  | {
      /**
       * A client from `createClient()`. You keep it: the store never closes it. It is connected on first use if you
       * have not connected it yourself. Commands the store sends while it is disconnected wait at most `timeoutMs`
       * and are never sent later, whatever the client's offline queue setting.
       */
      client: RedisClientLike
      url?: never
    }

export interface RedisStoreOptions {
  /**
   * Put before every key, so otpflow's keys can share a Redis with others and be told apart (`SCAN 0 MATCH otpflow:*`).
   * @default 'otpflow:'
   */
  prefix?: string
  /**
   * Longest wait for one store call, connection included. Past it the call rejects with {@link StoreUnavailableError}
   * (the endpoint answers 503) instead of holding the request.
   * @default 1000
   */
  timeoutMs?: number
  /**
   * Gets the client's connection errors (refused, lost, authentication failed), once per reconnection attempt while
   * Redis is unreachable. The store always listens, so an outage never crashes the process with an unhandled `error`.
   */
  onError?: (error: Error) => void
}

export interface RedisStore extends Store {
  /** Closes the connection the store opened from a URL; a client you passed stays open. Later calls reject. */
  close(): Promise<void>
}

const DEFAULT_TIMEOUT_MS = 1_000

/**
 * One round trip, atomic on the server: count the hit, and give the key its window on the first hit (or whenever it
 * has no expiry, so no counter can ever live forever). Returns the count and the milliseconds left in the window.
 */
const INCREMENT_SCRIPT = `local count = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return { count, ttl }`
const INCREMENT_SHA = createHash('sha1').update(INCREMENT_SCRIPT).digest('hex')

const ms = (seconds: number, what: string): string => {
  const value = Math.ceil(seconds * 1000)
  if (!Number.isFinite(value) || value < 1) throw new RangeError(`${what} must be a positive number of seconds, not ${seconds}`)
  return String(value)
}

const text = (reply: unknown): string | undefined =>
  reply === null || reply === undefined ? undefined : typeof reply === 'string' ? reply : String(reply)

/**
 * A {@link Store} on Redis, for an endpoint that runs as several processes, containers or serverless functions: every
 * instance counts on the same keys, so a limit of 3 sends is 3 across all of them.
 *
 * - Counters are one Lua script (`INCR`, then `PEXPIRE` on the first hit): concurrent hits on any number of instances
 *   are counted exactly, and the window's expiry is never lost between two commands.
 * - Every key carries the prefix and an expiry (`SET … PX`, `PEXPIRE`): nothing outlives its window.
 * - Each call rejects with {@link StoreUnavailableError} after `timeoutMs` instead of hanging, and at once while the
 *   connection is known to be down; commands are never queued to run later. The connection the store opens
 *   reconnects by itself (every second at most), so the same store works again when Redis is back.
 *
 * @example
 * // Node server, Next.js route handler or serverless function: one store per process, shared by every request.
 * import { createOtpHandler } from '@otpflow/server'
 * import { createRedisStore } from '@otpflow/server/redis'
 * const store = createRedisStore({ url: process.env.REDIS_URL! })
 * export const otp = createOtpHandler({ provider, secret: process.env.OTP_SECRET!, store })
 */
export function createRedisStore(target: RedisStoreTarget, options: RedisStoreOptions = {}): RedisStore {
  const prefix = options.prefix ?? 'otpflow:'
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1)
    throw new RangeError(`timeoutMs must be a positive integer, not ${timeoutMs}`)

  const owned = target.client === undefined
  let client: RedisClientLike
  if (target.client !== undefined) {
    client = target.client
  } else {
    const url = parseRedisUrl(target.url)
    try {
      client = createClient({
        url: url.href,
        // A command sent while disconnected fails at once rather than waiting in a queue for a Redis that may be gone:
        // the request it serves has a deadline.
        disableOfflineQueue: true,
        socket: {
          connectTimeout: Math.max(2_000, timeoutMs),
          // Never give up: back to Redis within about a second of its return, with a jitter so many instances do not
          // all knock at once.
          reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, 1_000) + Math.floor(Math.random() * 100),
        },
      }) as unknown as RedisClientLike
    } catch (error) {
      // The client's own message may quote the URL: say what we know instead.
      throw new Error(`REDIS_URL is not a usable Redis URL (${shownRedisUrl(url)}): the Redis client refused it`, {
        cause: error instanceof Error ? new Error(error.name) : undefined,
      })
    }
  }

  let closed = false
  const waiting = new Set<() => void>()
  client.on('ready', () => {
    for (const wake of [...waiting]) wake()
  })
  client.on('error', (error: Error) => options.onError?.(error))
  // A client the app passed is connected at most once, on first use: one it closed later stays closed.
  let connectAttempted = false
  const open = () => {
    if (connectAttempted && !owned) return
    connectAttempted = true
    if (!client.isOpen && !closed) {
      // Its failures reach the `error` listener and each call's deadline; the client keeps reconnecting by itself.
      client.connect().catch(() => undefined)
    }
  }
  if (owned) open()

  /** Sends one command once the connection is ready, within the call's deadline. */
  const call = (args: string[], waitMs = timeoutMs): Promise<unknown> =>
    new Promise((resolve, reject) => {
      let settled = false
      const fail = (message: string, cause?: unknown) => {
        if (settled) return
        settled = true
        clearTimeout(timer)
        waiting.delete(send)
        reject(new StoreUnavailableError(`Redis store: ${message}`, { cause }))
      }
      const send = () => {
        waiting.delete(send)
        if (settled) return
        if (closed) return fail('the store is closed')
        // `timeout` also drops the command from the client's queue if the connection drops before it is written.
        client.sendCommand(args, { timeout: Math.max(1, waitMs) }).then(
          (reply) => {
            if (settled) return
            settled = true
            clearTimeout(timer)
            resolve(reply)
          },
          (error: unknown) => {
            // Every failure fails closed, an error reply included (NOAUTH, LOADING, READONLY… are outages too).
            fail(error instanceof Error ? `${error.name}: ${error.message}` : 'Redis failed', error)
          },
        )
      }
      const timer = setTimeout(
        () =>
          fail(client.isReady ? `Redis did not answer within ${timeoutMs} ms` : `not connected to Redis after ${timeoutMs} ms`),
        Math.max(1, waitMs),
      )
      if (closed) return fail('the store is closed')
      if (client.isReady) return send()
      // A client the app passed and then closed (or whose reconnect strategy gave up) will not come back by itself.
      if (!owned && connectAttempted && !client.isOpen) return fail('the Redis client given to the store is closed')
      open()
      waiting.add(send)
    })

  const increment = async (key: string, windowSeconds: number): Promise<StoreCounter> => {
    const window = ms(windowSeconds, 'windowSeconds')
    const fullKey = prefix + key
    const started = Date.now()
    let reply: unknown
    try {
      reply = await call(['EVALSHA', INCREMENT_SHA, '1', fullKey, window])
    } catch (error) {
      // First use of the script on this Redis (or after a restart or SCRIPT FLUSH): EVAL also caches it.
      const cause = error instanceof StoreUnavailableError ? error.cause : undefined
      if (!(cause instanceof Error && cause.message.startsWith('NOSCRIPT'))) throw error
      reply = await call(['EVAL', INCREMENT_SCRIPT, '1', fullKey, window], started + timeoutMs - Date.now())
    }
    const [count, ttl] = reply as [number, number]
    return { count: Number(count), resetAt: Date.now() + Number(ttl) }
  }

  return {
    increment,
    async get(key) {
      return text(await call(['GET', prefix + key]))
    },
    async set(key, value, ttlSeconds) {
      await call(['SET', prefix + key, value, 'PX', ms(ttlSeconds, 'ttlSeconds')])
    },
    async setIfAbsent(key, value, ttlSeconds) {
      return (await call(['SET', prefix + key, value, 'PX', ms(ttlSeconds, 'ttlSeconds'), 'NX'])) !== null
    },
    async delete(key) {
      await call(['DEL', prefix + key])
    },
    async close() {
      if (closed) return
      closed = true
      for (const wake of [...waiting]) wake()
      if (!owned || !client.isOpen) return
      if (!client.isReady) return client.destroy()
      await client.close().catch(() => client.destroy())
    },
  }
}

export { parseRedisUrl } from './redis-url'
export type { Store, StoreCounter } from './store'
export { isStoreUnavailableError, StoreUnavailableError } from './store-errors'
