// The code step's parts, loaded after the first render: the number step does not need them to paint.
export { CodeField } from './code/code-field'
export { ResendButton } from './resend-button'
