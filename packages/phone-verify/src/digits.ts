const isDecimalDigit = (code: number) => /\p{Nd}/u.test(String.fromCodePoint(code))

/**
 * Maps any Unicode decimal digit (Arabic-Indic `١`, Persian `۱`, Devanagari, full-width `１`…) to ASCII.
 * Keyboards and SMS apps in those scripts type them; a `[0-9]` check alone would drop them.
 */
export function toAsciiDigits(text: string): string {
  return text.replace(/\p{Nd}/gu, (digit) => {
    const code = digit.codePointAt(0) ?? 0x30
    // Unicode lays every decimal digit set out as 0..9 in consecutive code points, sets sometimes back to back:
    // the digit's value is its distance from the start of the run, modulo 10.
    let start = code
    while (isDecimalDigit(start - 1)) start--
    return String((code - start) % 10)
  })
}
