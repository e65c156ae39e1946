export {
  ChannelOffer,
  type ChannelOfferMessages,
  type ChannelOfferProps,
  channelOfferLabel,
} from './channel-offer'
export { CodeField, type CodeFieldProps } from './code/code-field'
export { normalizeCode } from './code/normalize-code'
export { toAsciiDigits } from './digits'
export type { LocaleName } from './locales'
export { en } from './locales/en'
export { createMessageFormat, type MessageFormat, type Messages, type MessagesOverride, mergeMessages } from './messages'
export {
  CountryPicker,
  type CountryPickerLabels,
  type CountryPickerMessages,
  type CountryPickerProps,
} from './phone/country-picker'
export { loadPhoneMetadata } from './phone/metadata'
export type { PhoneKit } from './phone/phone-engine'
export { PhoneField, type PhoneFieldProps, type PhoneValueDetails } from './phone/phone-field'
export type { NormalizedPhone } from './phone/phone-logic'
export { type Country, type CountryCode, flagOf, guessCountry, searchCountries } from './phone/phone-text'
export { usePhoneFormat } from './phone/use-phone-format'
export { PhoneVerify, type PhoneVerifyClassNames, type PhoneVerifyProps } from './phone-verify'
export {
  type Announcement,
  announcementAfter,
  announcementText,
  codeHintText,
  codeSentText,
  type DescribeErrorOptions,
  describeError,
  type ErrorAction,
  type ErrorDescription,
  type ErrorMessageKey,
  errorMessageKey,
  type PhoneVerifyStep,
  type ShownFlow,
  stepOf,
} from './phone-verify-decisions'
export { ResendButton, type ResendButtonMessages, type ResendButtonProps } from './resend-button'
export { VerifyStatus, type VerifyStatusProps } from './verify-status'
