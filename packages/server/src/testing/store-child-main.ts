// Entry of a separate Node process that uses the Redis store (bundled by ./store-child.ts): proves that counts stay
// exact across processes, not only across connections of one process.
//   argv: <redis url> <prefix>
//   stdin: one JSON command per line: {"increment": key, "times": n, "windowSeconds": s} or {"setIfAbsent": key, "times": n}
//   stdout: "ready", then one JSON array of results per command.
import { createInterface } from 'node:readline'
import { createRedisStore } from '../redis-store'

const [url, prefix] = process.argv.slice(2)
if (url === undefined || prefix === undefined) throw new Error('usage: store-child <redis url> <prefix>')
const store = createRedisStore({ url }, { prefix, timeoutMs: 5_000 })

interface Command {
  increment?: string
  setIfAbsent?: string
  times: number
  windowSeconds?: number
}

async function run(command: Command): Promise<unknown[]> {
  const calls = Array.from({ length: command.times }, () =>
    command.increment !== undefined
      ? store.increment(command.increment, command.windowSeconds ?? 60).then((counter) => counter.count)
      : store.setIfAbsent(command.setIfAbsent ?? '', 'child', 60),
  )
  return Promise.all(calls)
}

await store.get('warm-up')
process.stdout.write('ready\n')
for await (const line of createInterface({ input: process.stdin })) {
  if (line.trim() === '') continue
  process.stdout.write(`${JSON.stringify(await run(JSON.parse(line) as Command))}\n`)
}
await store.close()
