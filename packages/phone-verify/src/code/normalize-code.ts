import { toAsciiDigits } from '../digits'

/**
 * Cleans typed, pasted or autofilled text into at most `length` ASCII digits.
 *
 * `123 456`, `123-456`, `Your code is 123456`, `١٢٣٤٥٦` and `۱۲۳۴۵۶` all give `123456`. When the text holds a
 * group of exactly `length` digits (separators allowed inside), that group wins over stray digits around it,
 * so "Your code is 123456. Valid 10 minutes" still gives `123456`.
 */
export function normalizeCode(text: string, length: number): string {
  const ascii = toAsciiDigits(text)
  const groups = ascii.match(/\d(?:[\s\-.\u00a0]?\d)*/g) ?? []
  const exact = groups.map((group) => group.replace(/\D/g, '')).find((digits) => digits.length === length)
  return (exact ?? ascii.replace(/\D/g, '')).slice(0, length)
}
