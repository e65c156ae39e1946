import type { OtpChannel } from '@otpflow/core'
import { type ComponentPropsWithoutRef, forwardRef } from 'react'
import { en } from './locales/en'
import type { Messages } from './messages'

export type ChannelOfferMessages = Pick<Messages, 'callMeInstead' | 'sendViaWhatsApp' | 'sendViaSms'>

/** The words of a channel's button, or `undefined` for a channel with none (it is then not offered). */
export function channelOfferLabel(channel: OtpChannel, messages: ChannelOfferMessages): string | undefined {
  switch (channel) {
    case 'voice':
      return messages.callMeInstead
    case 'whatsapp':
      return messages.sendViaWhatsApp
    case 'sms':
      return messages.sendViaSms
    default:
      return undefined
  }
}

export interface ChannelOfferProps extends Omit<ComponentPropsWithoutRef<'div'>, 'children' | 'onSelect'> {
  /** The channel the code went out on (the flow's `channel`): not offered again. */
  channel: OtpChannel | undefined
  /** The channels on offer (the flow's `availableChannels`). */
  availableChannels: readonly OtpChannel[] | undefined
  /**
   * Whether a resend can be asked for now (its countdown is over, resends are left) or is on its way. Before that,
   * nothing is offered: a switch of channel is a resend and waits for the same deadline.
   */
  open: boolean
  /** A resend is on its way: every button is `aria-disabled`, the one for `pendingChannel` says it is the one. */
  pending?: boolean
  /** The channel a switch on its way asks for. */
  pendingChannel?: OtpChannel | undefined
  /** Called with the channel of the button pressed (`flow.resend({ channel })`). */
  onSelect: (channel: OtpChannel) => void
  /** The buttons' words. @default English */
  messages?: Partial<ChannelOfferMessages>
  /** Disables every button. @default false */
  disabled?: boolean
  /** Class of each button. */
  buttonClassName?: string
}

/**
 * The other ways to get the code, next to "Resend code" once a resend is open: "Call me instead", "Send via WhatsApp",
 * "Text me instead", one button each for the channels on offer other than the one in use. Renders nothing when there
 * is no other channel, or before the resend is open. A button pressed keeps the focus while its resend is on its way
 * (`aria-disabled`, `data-state="pending"`), as the resend button does.
 *
 * @example
 * <ChannelOffer channel={flow.channel} availableChannels={flow.availableChannels} open={ready} onSelect={(channel) => flow.resend({ channel })} />
 */
export const ChannelOffer = forwardRef<HTMLDivElement, ChannelOfferProps>(function ChannelOffer(
  {
    channel,
    availableChannels,
    open,
    pending = false,
    pendingChannel,
    onSelect,
    messages: messagesProp,
    disabled,
    buttonClassName,
    ...props
  },
  ref,
) {
  const messages = { ...en, ...messagesProp }
  const offered = (availableChannels ?? []).flatMap((offer) => {
    const label = offer === channel ? undefined : channelOfferLabel(offer, messages)
    return label === undefined ? [] : [{ channel: offer, label }]
  })
  if (!open || offered.length === 0) return null
  return (
    <div ref={ref} data-scope="phone-verify" data-part="channel-offer" data-state={pending ? 'pending' : 'idle'} {...props}>
      {offered.map((offer) => {
        const chosen = pending && offer.channel === pendingChannel
        return (
          <button
            key={offer.channel}
            type="button"
            data-scope="phone-verify"
            data-part="channel-button"
            data-channel={offer.channel}
            data-state={chosen ? 'pending' : 'idle'}
            // Pressed, it stays focusable while its resend is on its way: a disabled button would drop the keyboard
            // focus to the page.
            aria-disabled={pending || undefined}
            disabled={disabled}
            className={buttonClassName}
            onClick={() => {
              if (!pending) onSelect(offer.channel)
            }}
          >
            {offer.label}
          </button>
        )
      })}
    </div>
  )
})
