/**
 * What the endpoint tells the operator when a fraud defence trips, through `onAlert` and the request's log line
 * (its `alert` field). Each kind is raised a bounded number of times, whatever the traffic: the conversion guard once
 * per unit and window, a budget when it is first exceeded and again at 10, 100, 1,000… sends refused in its window.
 */
export type OtpAlert = ConversionGuardAlert | SendBudgetAlert

export interface ConversionGuardAlert {
  kind: 'conversion_guard'
  /** `block`: the number without its last four digits; `country`: the whole country (or calling code). */
  unit: 'block' | 'country'
  /** `+44791112` for a block, `GB` for a country (`+44` when the country cannot be told). */
  id: string
  /** Codes sent to the unit in the window. */
  sends: number
  /** Numbers of the unit that entered a code in the window. */
  verifications: number
  /** The rule that tripped: at least `minSends` sends, fewer than `minVerifiedRatio` of them verified. */
  minSends: number
  minVerifiedRatio: number
  windowSeconds: number
}

export interface SendBudgetAlert {
  kind: 'send_budget'
  /** `hour`: `OTP_SEND_BUDGET_PER_HOUR`, every send; `country_day`: `OTP_COUNTRY_BUDGETS`, one country's UTC day. */
  budget: 'hour' | 'country_day'
  /** The country of a `country_day` budget. */
  country?: string
  /** Sends the budget allows in its window. */
  limit: number
  /** Sends asked for in the window, the refused ones included. */
  asked: number
  /** How far over: `asked - limit`, the sends refused so far. */
  over: number
  /** When the window ends and sends resume. */
  resetsAt: Date
}

export type OtpAlertHandler = (alert: OtpAlert) => void | Promise<void>

/** An alert and its one-line summary. */
export interface DescribedAlert {
  alert: OtpAlert
  text: string
}

/** The alert's one-line summary for the log's `detail`. */
export function describeAlert(alert: OtpAlert): string {
  if (alert.kind === 'conversion_guard') {
    const unit = alert.unit === 'block' ? `number block ${alert.id}••••` : `country ${alert.id}`
    const minutes = Math.round(alert.windowSeconds / 60)
    return (
      `Conversion guard: ${unit}: ${alert.sends} codes sent, ${alert.verifications} verified in the last ${minutes} minutes ` +
      `(sends are held once ${alert.minSends} are sent with fewer than ${Math.round(alert.minVerifiedRatio * 100)}% verified)`
    )
  }
  const which =
    alert.budget === 'hour'
      ? 'the hourly send budget (OTP_SEND_BUDGET_PER_HOUR)'
      : `${alert.country}'s daily send budget (OTP_COUNTRY_BUDGETS)`
  return (
    `Send budget spent: ${which} allows ${alert.limit}; ${alert.asked} asked, ${alert.over} over; ` +
    `sends resume at ${alert.resetsAt.toISOString()}`
  )
}
